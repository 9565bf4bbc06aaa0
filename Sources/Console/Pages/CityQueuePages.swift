import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Store
import Listings
import Vouchers

/// The approval queues (voucher applications, providers under review or on public notice,
/// enterprise challenges awaiting approval) and the redemptions flagged for review.
extension CityPages {
    func registerQueues(on console: RouterGroup<AppRequestContext>) {
        console.get("city") { request, context in
            await site.handle(request, context) { visit in try await queues(visit, failure: nil) }
        }
        console.post("city/vouchers/:id/decide") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try admin(visit)
                let id = try Self.id(context)
                let form = try await site.form(request, visit)
                let approve = form["decision"] != "reject"
                return try await Self.attempt(
                    visit,
                    {
                        let amount = approve ? try CityInput.yuan(form["amount"], field: "amountFen") : nil
                        let decision = VoucherDecision(approve: approve, amountFen: amount, reason: form.text("reason"))
                        _ = try await site.services.vouchers.decide(id, decision, by: actor)
                        return site.redirect("/console/city")
                    },
                    form: { errors in
                        let values = Typed(reason: form["reason"] ?? "", amount: form["amount"] ?? "")
                        return try await queues(
                            visit, failure: RowFailure(kind: "voucher", id: id, errors: errors, values: values))
                    })
            }
        }
        console.post("city/providers/:id/act") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try admin(visit)
                let id = try Self.id(context)
                let form = try await site.form(request, visit)
                return try await Self.attempt(
                    visit,
                    {
                        guard let action = form["action"].flatMap(ProviderAction.Kind.init(rawValue:)) else {
                            throw CityInput.unreadable("action", zh: "请选择操作", en: "Choose an action")
                        }
                        _ = try await site.services.providers.act(
                            id, ProviderAction(action: action, reason: form.text("reason")), by: actor)
                        return site.redirect("/console/city")
                    },
                    form: { errors in
                        try await queues(
                            visit,
                            failure: RowFailure(
                                kind: "provider", id: id, errors: errors, values: Typed(reason: form["reason"] ?? "")))
                    })
            }
        }
        console.post("city/challenges/:id/decide") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try admin(visit)
                let id = try Self.id(context)
                let form = try await site.form(request, visit)
                return try await Self.attempt(
                    visit,
                    {
                        let transition =
                            form["decision"] == "reject"
                            ? ChallengeTransition(event: .rejectApproval, reason: form.text("reason"))
                            : ChallengeTransition(event: .approve)
                        _ = try await site.services.challenges.transition(id, transition, by: actor)
                        return site.redirect("/console/city")
                    },
                    form: { errors in
                        try await queues(
                            visit,
                            failure: RowFailure(
                                kind: "challenge", id: id, errors: errors, values: Typed(reason: form["reason"] ?? "")))
                    })
            }
        }
        console.get("city/anomalies") { request, context in
            await site.handle(request, context) { visit in try await anomalies(visit, failure: nil) }
        }
        console.post("city/redemptions/:id/step") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try admin(visit)
                let id = try Self.id(context)
                let form = try await site.form(request, visit)
                return try await Self.attempt(
                    visit,
                    {
                        guard let step = form["step"].flatMap(RedemptionStep.Kind.init(rawValue:)),
                            [.approveReview, .rejectReview].contains(step)
                        else {
                            throw CityInput.unreadable("step", zh: "请选择审核结果", en: "Choose a review outcome")
                        }
                        _ = try await site.services.redemptions.step(
                            id, RedemptionStep(step: step, reason: form.text("reason")), by: actor)
                        return site.redirect("/console/city/anomalies")
                    },
                    form: { errors in
                        try await anomalies(
                            visit,
                            failure: RowFailure(
                                kind: "redemption", id: id, errors: errors, values: Typed(reason: form["reason"] ?? ""))
                        )
                    })
            }
        }
    }

    func queues(_ visit: Visit, failure: RowFailure?) async throws -> Response {
        let (_, actor) = try admin(visit)
        let language = visit.language
        let services = site.services
        let city = Self.scope(actor)

        let applications = try await services.vouchers.applications(
            viewer: actor, status: .pending, page: PageRequest(limit: 100)
        ).items
        var providers: [Provider] = []
        for status in [Provider.Status.applied, .inNotice, .listed, .suspended] {
            providers += try await services.providers.list(
                city: city, category: nil, status: status, page: PageRequest(limit: 100), viewer: actor
            ).items
        }
        let challenges = try await pendingChallenges(actor)
        let names = await names(
            applications.map(\.enterpriseOrganizationId) + providers.map(\.organizationId)
                + providers.flatMap { $0.objections.compactMap(\.organizationId) }
                + challenges.map(\.ownerOrganizationId),
            actor
        )
        let now = services.database.clock.now()

        let applicationRows = applications.map { application in
            let failed = Self.failed(failure, "voucher", application.id)
            return ApplicationRow(
                id: application.id, enterprise: names[application.enterpriseOrganizationId] ?? "",
                year: application.year,
                city: language.city(application.city), amount: Language.yuan(application.amountFen),
                amountValue: CityInput.plainYuan(application.amountFen),
                created: Display.dateTime(application.createdAt), errors: failed.errors, typed: failed.typed)
        }
        func providerRow(_ provider: Provider) -> ProviderRow {
            let actions: [ProviderAction.Kind] =
                switch provider.status {
                case .applied: [.approve, .reject]
                case .inNotice: provider.objections.isEmpty ? [.reject] : [.overrule, .reject]
                case .listed: [.suspend, .delist]
                case .suspended: [.reinstate, .delist]
                case .rejected, .delisted: []
                }
            let failed = Self.failed(failure, "provider", provider.id)
            return ProviderRow(
                id: provider.id, name: names[provider.organizationId] ?? "", city: language.city(provider.city),
                categories: provider.categories.map { visit.text("city.category.\($0.rawValue)") }.joined(
                    separator: language == .zh ? "、" : ", "),
                status: visit.text("city.provider.\(provider.status.rawValue)"),
                applied: Display.date(provider.createdAt),
                noticeEnds: provider.noticeEndsAt.map(Display.dateTime),
                noticeRunning: provider.status == .inNotice && (provider.noticeEndsAt.map { $0 > now } ?? false),
                objections: provider.objections.map { objection in
                    Objection(
                        by: objection.organizationId.flatMap { names[$0] } ?? "", reason: objection.reason,
                        at: Display.dateTime(objection.at), resolution: objection.resolution)
                },
                actions: actions.map {
                    ProviderActionChoice(
                        value: $0.rawValue, label: visit.text("city.action.\($0.rawValue)"),
                        danger: $0 != .approve && $0 != .reinstate && $0 != .overrule)
                },
                canAct: Authorization.allows(
                    actor, .providerReview, on: AccessTarget(organizationID: nil, city: provider.city))
                    && !actions.isEmpty,
                errors: failed.errors, typed: failed.typed)
        }
        let reviewing = providers.filter { [.applied, .inNotice].contains($0.status) }.map(providerRow)
        let registered = providers.filter { ![.applied, .inNotice].contains($0.status) }.map(providerRow)
        let challengeRows = challenges.map { challenge in
            let failed = Self.failed(failure, "challenge", challenge.id)
            return ChallengeRow(
                id: challenge.id, title: challenge.title, href: "/console/challenges/\(challenge.id)",
                owner: names[challenge.ownerOrganizationId] ?? "", city: language.city(challenge.city),
                reward: Language.yuan(challenge.reward.fen), deadline: Display.date(challenge.deadline),
                year: challenge.year, errors: failed.errors, typed: failed.typed)
        }
        return site.page(
            visit, template: "city-queue", title: visit.text("city.queue.title"),
            QueueView(
                applications: applicationRows, reviewing: reviewing, registered: registered,
                challenges: challengeRows,
                hasApplications: !applicationRows.isEmpty, hasReviewing: !reviewing.isEmpty,
                hasRegistered: !registered.isEmpty, hasChallenges: !challengeRows.isEmpty,
                formError: failure?.errors.formError,
                canDecideVouchers: Authorization.allows(
                    actor, .voucherDecide, on: AccessTarget(organizationID: nil, city: actor.city))))
    }

    /// Enterprise challenges awaiting the city's approval.
    func pendingChallenges(_ actor: Actor) async throws -> [Challenge] {
        try await site.services.challenges.pendingApproval(viewer: actor)
    }

    func anomalies(_ visit: Visit, failure: RowFailure?) async throws -> Response {
        let (_, actor) = try admin(visit)
        let language = visit.language
        var flagged: [Redemption] = []
        var after: Int64?
        for _ in 0..<20 {
            let page = try await site.services.redemptions.list(
                viewer: actor, status: nil, flaggedOnly: true, page: PageRequest(limit: 100, after: after))
            flagged += page.items
            guard let next = page.nextCursor else { break }
            after = try Cursor.decode(next)
        }
        let names = await names(flagged.flatMap { [$0.enterpriseOrganizationId, $0.providerOrganizationId] }, actor)
        let rows = flagged.reversed().map { redemption in
            let failed = Self.failed(failure, "redemption", redemption.id)
            return AnomalyRow(
                id: redemption.id, voucher: redemption.voucherNumber, contract: redemption.contractNumber,
                enterprise: names[redemption.enterpriseOrganizationId] ?? "",
                issuingCity: language.city(redemption.issuingCity),
                provider: names[redemption.providerOrganizationId] ?? "",
                providerCity: language.city(redemption.providerCity),
                category: visit.text("city.category.\(redemption.category.rawValue)"),
                mode: visit.text("city.mode.\(redemption.mode.rawValue)"),
                contractAmount: Language.yuan(redemption.contractFen),
                voucherAmount: Language.yuan(redemption.voucherFen),
                status: visit.text("city.redemption.\(redemption.status.rawValue)"),
                review: visit.text("city.review.\(redemption.review.rawValue)"),
                flags: redemption.flags.map { visit.text("city.flag.\($0)") },
                created: Display.dateTime(redemption.createdAt),
                canReview: redemption.review == .pending
                    && Authorization.allows(
                        actor, .redemptionReview, on: AccessTarget(organizationID: nil, city: redemption.issuingCity)),
                errors: failed.errors, typed: failed.typed)
        }
        return site.page(
            visit, template: "city-anomalies", title: visit.text("city.anomalies.title"),
            AnomaliesView(rows: rows, formError: failure?.errors.formError))
    }
}
