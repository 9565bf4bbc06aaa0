import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Vouchers

/// The service provider's page: its place in the registry (or the application for it) and the
/// redemptions made with it, to confirm with the invoice number or to cancel.
struct ProviderPages {
    let site: Site

    /// A refused action on one redemption: that row shows the errors and what was typed.
    struct RowFailure {
        var id: Int64
        var errors: FormFailure
        var invoice: String
    }

    func register(on console: RouterGroup<AppRequestContext>) {
        ProviderNoticePages(site: site).register(on: console)
        RelationPages(site: site).register(on: console)
        console.get("provider") { request, context in
            await site.handle(request, context) { visit in
                try await home(
                    visit, cursor: request.uri.queryParameters["cursor"].map(String.init), applyErrors: nil,
                    failure: nil)
            }
        }
        console.post("provider/apply") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor, _) = try await provider(visit)
                let form = try await site.form(request, visit)
                let categories = form.all("categories").compactMap(ServiceCategory.init(rawValue:))
                return try await CityPages.attempt(
                    visit,
                    {
                        _ = try await site.services.providers.apply(NewProvider(categories: categories), by: actor)
                        return site.redirect("/console/provider")
                    },
                    form: { errors in
                        try await home(
                            visit, cursor: nil,
                            applyErrors: (errors, checked: categories.map(\.rawValue)), failure: nil)
                    })
            }
        }
        console.post("provider/redemptions/:id/confirm") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor, _) = try await provider(visit)
                let id = try Self.id(context)
                let form = try await site.form(request, visit)
                let invoice = form["invoiceNumber"] ?? ""
                return try await CityPages.attempt(
                    visit,
                    {
                        _ = try await site.services.redemptions.step(
                            id, RedemptionStep(step: .confirm, invoiceNumber: invoice), by: actor)
                        return site.redirect("/console/provider")
                    },
                    form: { errors in
                        try await home(
                            visit, cursor: nil, applyErrors: nil,
                            failure: RowFailure(id: id, errors: errors, invoice: invoice))
                    })
            }
        }
        console.post("provider/redemptions/:id/cancel") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor, _) = try await provider(visit)
                let id = try Self.id(context)
                let form = try await site.form(request, visit)
                return try await CityPages.attempt(
                    visit,
                    {
                        _ = try await site.services.redemptions.step(
                            id, RedemptionStep(step: .cancel, reason: form.text("reason")), by: actor)
                        return site.redirect("/console/provider")
                    },
                    form: { errors in
                        try await home(
                            visit, cursor: nil, applyErrors: nil,
                            failure: RowFailure(id: id, errors: errors, invoice: ""))
                    })
            }
        }
    }

    static func id<Context: RequestContext>(_ context: Context) throws -> Int64 {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw PublicPages.notFound }
        return id
    }

    /// A user of a provider organisation, or of any organisation that applied to the registry,
    /// who may deliver for it; everyone else gets 403.
    func provider(_ visit: Visit) async throws -> (Principal, Actor, Provider?) {
        let (principal, actor) = try visit.signedIn()
        let own = AccessTarget(organizationID: principal.organizationID, city: principal.city)
        guard
            Authorization.allows(actor, .redemptionDeliver, on: own)
                || Authorization.allows(actor, .providerApply, on: own)
        else {
            throw DomainError.forbidden
        }
        let entry = try await entry(principal, actor)
        guard principal.organizationKind == .provider || entry != nil else { throw DomainError.forbidden }
        return (principal, actor, entry)
    }

    /// The organisation's registry entry in any status, read from the public registry.
    func entry(_ principal: Principal, _ actor: Actor) async throws -> Provider? {
        for status in Provider.Status.allCases {
            var after: Int64?
            repeat {
                let page = try await site.services.providers.list(
                    city: principal.city, category: nil, status: status, page: PageRequest(limit: 100, after: after),
                    viewer: actor)
                if let found = page.items.first(where: { $0.organizationId == principal.organizationID }) {
                    return found
                }
                after = try page.nextCursor.map(Cursor.decode)
            } while after != nil
        }
        return nil
    }

    func home(
        _ visit: Visit, cursor: String?, applyErrors: (failure: FormFailure, checked: [String])?,
        failure: RowFailure?
    ) async throws -> Response {
        let (principal, actor, entry) = try await provider(visit)
        let language = visit.language
        let separator = language == .zh ? "、" : ", "
        let own = AccessTarget(organizationID: principal.organizationID, city: principal.city)

        let registry = entry.map { entry in
            ProviderViews.Registry(
                status: visit.text("provider.status.\(entry.status.rawValue)"), statusCode: entry.status.rawValue,
                categories: entry.categories.map { visit.text("provider.category.\($0.rawValue)") }.joined(
                    separator: separator),
                city: language.city(entry.city), noticeEnds: entry.noticeEndsAt.map(Display.dateTime),
                hasObjections: !entry.objections.isEmpty,
                objections: entry.objections.map {
                    ProviderViews.Objection(reason: $0.reason, at: Display.dateTime($0.at), resolution: $0.resolution)
                },
                history: entry.history.reversed().map { event in
                    ProviderViews.Event(
                        status: visit.text("provider.status.\(event.status.rawValue)"),
                        at: Display.dateTime(event.at), reason: event.reason)
                })
        }
        let canApply =
            (entry == nil || [.rejected, .delisted].contains(entry!.status))
            && Authorization.allows(actor, .providerApply, on: own)
        let checked = Set(applyErrors?.checked ?? [])
        let apply = ProviderViews.Apply(
            categories: ServiceCategory.allCases.map { category in
                Check(
                    value: category.rawValue, label: visit.text("provider.category.\(category.rawValue)"),
                    checked: checked.contains(category.rawValue))
            },
            formError: applyErrors?.failure.formError, errors: applyErrors?.failure.errors)

        let page = try await site.services.redemptions.list(
            viewer: actor, status: nil, flaggedOnly: false,
            page: PageRequest(limit: 100, after: try cursor.map(Cursor.decode))
        )
        let mine = page.items.filter { $0.providerOrganizationId == principal.organizationID }.reversed()
        var names: [Int64: String] = [:]
        for id in Set(mine.map(\.enterpriseOrganizationId)) {
            names[id] = (try? await site.services.organizations.get(id, by: actor).name) ?? "#\(id)"
        }
        let deliver = Authorization.allows(actor, .redemptionDeliver, on: own)
        let rows = mine.map { redemption in
            let failed = failure.flatMap { $0.id == redemption.id ? $0 : nil }
            return ProviderViews.Redemption(
                id: redemption.id, voucher: redemption.voucherNumber, contract: redemption.contractNumber,
                enterprise: names[redemption.enterpriseOrganizationId] ?? "",
                issuingCity: language.city(redemption.issuingCity),
                category: visit.text("provider.category.\(redemption.category.rawValue)"),
                mode: visit.text("provider.mode.\(redemption.mode.rawValue)"),
                contractAmount: Language.yuan(redemption.contractFen),
                voucherAmount: Language.yuan(redemption.voucherFen),
                status: visit.text("provider.redemption.\(redemption.status.rawValue)"),
                invoice: redemption.invoiceNumber,
                holdExpires: redemption.holdExpiresAt.map(Display.dateTime),
                created: Display.dateTime(redemption.createdAt),
                reason: redemption.reason,
                canConfirm: deliver && redemption.status == .held,
                // 通兑 only, before acceptance; a dispute is the issuing city's to decide.
                canCancel: deliver && redemption.mode == .tongdui && [.held, .delivered].contains(redemption.status),
                errors: failed.map { $0.errors.errors ?? .empty }, typedInvoice: failed?.invoice)
        }
        let formError = failure?.errors.formError ?? applyErrors?.failure.formError
        return site.page(
            visit, template: "provider-home", title: visit.text("provider.title"),
            ProviderViews.Home(
                organization: visit.organizationName ?? "", registry: registry, registered: entry != nil,
                canApply: canApply, apply: apply, rows: rows,
                next: page.nextCursor.map { "/console/provider?cursor=\($0)" }, formError: formError))
    }
}
