import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// Self-registration (issue 18): the public form (`/console/register`, multipart with the
/// licence), and the applicant's own status page (`/console/registration`) where a rejected
/// registration is corrected and submitted again. Every step calls `RegistrationService` as the
/// API does; a refused form is shown again with nothing written.
struct RegistrationPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("register") { request, context in
            await site.handle(request, context) { visit in
                form(visit, RegistrationViews.Form(typed: .init()))
            }
        }
        console.post("register") { request, context in
            await site.handle(request, context) { visit in try await submit(request, visit) }
        }
        console.get("registration") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"].map(String.init)
                let notice = done.flatMap { ["registered", "uploaded", "resubmitted"].contains($0) ? $0 : nil }
                return try await status(
                    visit, RegistrationViews.Status(notice: notice.map { visit.text("reg.done.\($0)") }))
            }
        }
        console.post("registration/document") { request, context in
            await site.handle(request, context) { visit in
                let (principal, actor) = try Self.applicant(visit)
                let form = try await Multipart(request)
                try form.checkCSRF(site, visit)
                return try await Self.attempt(visit) {
                    _ = try await site.services.registrations.upload(
                        principal.organizationID, data: Data(form["document"]?.body ?? []), by: actor)
                    return site.redirect("/console/registration?done=uploaded")
                } form: { failure, code in
                    try await status(
                        visit, RegistrationViews.Status(formError: failure.formError, errors: failure.errors),
                        status: code)
                }
            }
        }
        console.post("registration/resubmit") { request, context in
            await site.handle(request, context) { visit in
                let (principal, actor) = try Self.applicant(visit)
                let form = try await site.form(request, visit)
                return try await Self.attempt(visit) {
                    let correction = RegistrationCorrection(
                        name: form["name"], kind: form["kind"].flatMap(OrganizationKind.init(rawValue:)),
                        contact: Organization.Contact(
                            name: form["contactName"], phone: form["contactPhone"], email: form["contactEmail"],
                            address: form["contactAddress"]),
                        park: .some(form["park"]))
                    _ = try await site.services.registrations.resubmit(principal.organizationID, correction, by: actor)
                    return site.redirect("/console/registration?done=resubmitted")
                } form: { failure, code in
                    try await status(
                        visit, RegistrationViews.Status(formError: failure.formError, errors: failure.errors),
                        status: code)
                }
            }
        }
    }

    /// An administrator of a signed-in organisation (the applicant).
    static func applicant(_ visit: Visit) throws -> (Principal, Actor) {
        let (principal, actor) = try visit.signedIn()
        guard principal.role == .orgAdmin else { throw DomainError.forbidden }
        return (principal, actor)
    }

    /// Runs a form's action; a refusal about the input (including a file too large or of the
    /// wrong type) shows the form again with its message and status.
    static func attempt(
        _ visit: Visit, _ action: () async throws -> Response,
        form: (_ failure: FormFailure, _ status: HTTPResponse.Status) async throws -> Response
    ) async throws -> Response {
        do {
            return try await action()
        } catch let error as DomainError
            where [.invalid, .conflict, .malformed, .payloadTooLarge, .unsupportedMediaType, .tooManyRequests]
            .contains(error.kind)
        {
            return try await form(FormErrors.context(error, visit), error.kind.status)
        }
    }

    // MARK: the public form

    func submit(_ request: Request, _ visit: Visit) async throws -> Response {
        let form = try await Multipart(request)
        try form.checkCSRF(site, visit)
        let typed = RegistrationViews.Typed(form)
        let registrations = site.services.registrations
        return try await Self.attempt(visit) {
            let document = Data(form["document"]?.body ?? [])
            // The file first: a form refused for its file writes nothing.
            try registrations.check(document: document)
            let input = NewRegistration(
                kind: OrganizationKind(rawValue: typed.kind) ?? .enterprise, name: typed.name,
                city: try Self.city(typed.city), creditCode: typed.creditCode.uppercased(),
                contact: Organization.Contact(
                    name: typed.contactName.nilIfEmpty, phone: typed.contactPhone.nilIfEmpty,
                    email: typed.contactEmail.nilIfEmpty, address: typed.contactAddress.nilIfEmpty),
                park: typed.park.nilIfEmpty,
                admin: RegistrationAdmin(
                    displayName: typed.adminName, username: typed.username, email: typed.adminEmail,
                    password: form["password"]?.text ?? ""))
            let registration = try await registrations.register(input, requestID: visit.requestID)
            // Signed in as the new administrator (the one sign-in path), then the licence is theirs to upload.
            let issued = try await site.services.auth.login(
                username: input.admin.username, password: input.admin.password, requestID: visit.requestID)
            let principal = try await site.services.verifier.verify(issued.token)
            _ = try await registrations.upload(
                registration.organizationId, data: document, by: principal.actor(requestID: visit.requestID))
            var response = site.redirect("/console/registration?done=registered")
            let lifetime = max(60, Int(issued.expiresAt.timeIntervalSinceNow))
            response.setCookie(site.cookie(Site.sessionCookie, issued.token, maxAge: lifetime))
            return response
        } form: { failure, status in
            self.form(
                visit, RegistrationViews.Form(formError: failure.formError, errors: failure.errors, typed: typed),
                status: status)
        }
    }

    static func city(_ raw: String) throws -> CityCode {
        guard let city = CityCode(rawValue: raw) else {
            throw DomainError.invalid("required", field: "city", zh: "请选择所在城市", en: "Choose the city")
        }
        return city
    }

    func form(
        _ visit: Visit, _ view: RegistrationViews.Form, status: HTTPResponse.Status = .ok
    ) -> Response {
        var context = view
        context.kinds = NewRegistration.kinds.map {
            Choice(
                value: $0.rawValue, label: visit.text("reg.kind.\($0.rawValue)"),
                selected: $0.rawValue == view.typed.kind)
        }
        context.cities = CityCode.allCases.map {
            Choice(value: $0.rawValue, label: visit.language.city($0), selected: $0.rawValue == view.typed.city)
        }
        context.limitMB = site.services.registrations.documents.maxBytes / 1_048_576
        return site.page(visit, template: "registration-form", title: visit.text("reg.title"), context, status: status)
    }

    // MARK: the applicant's status page

    func status(
        _ visit: Visit, _ view: RegistrationViews.Status, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (principal, actor) = try Self.applicant(visit)
        var context = view
        do {
            let registration = try await site.services.registrations.get(principal.organizationID, by: actor)
            context.registration = RegistrationViews.Summary(registration, visit)
            context.canUpload = RegistrationMachine.next(registration.status, .upload, by: .applicant) != nil
            if RegistrationMachine.next(registration.status, .resubmit, by: .applicant) != nil {
                let organization = registration.organization
                context.correction = RegistrationViews.Correction(
                    name: organization.name, contactName: organization.contact.name ?? "",
                    contactPhone: organization.contact.phone ?? "", contactEmail: organization.contact.email ?? "",
                    contactAddress: organization.contact.address ?? "", park: organization.park ?? "",
                    kinds: NewRegistration.kinds.map {
                        Choice(
                            value: $0.rawValue, label: visit.text("reg.kind.\($0.rawValue)"),
                            selected: $0 == organization.kind)
                    })
            }
        } catch let error as DomainError where error.code == "registration_not_found" {
            context.registration = nil
        }
        return site.page(
            visit, template: "registration-status", title: visit.text("reg.status.title"), context, status: status)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : self
    }
}
