import Deals
import Kernel

// Between the wire types of the technology-contract routes (generated from openapi.yaml) and
// the Deals module's own types; every member and case spelled out.

extension ContractType {
    init(_ wire: Components.Schemas.ContractType) {
        switch wire {
        case .commissionedDevelopment: self = .commissionedDevelopment
        case .cooperativeDevelopment: self = .cooperativeDevelopment
        case .patentRightTransfer: self = .patentRightTransfer
        case .patentApplicationRightTransfer: self = .patentApplicationRightTransfer
        case .technicalSecretTransfer: self = .technicalSecretTransfer
        case .patentLicence: self = .patentLicence
        case .technicalSecretLicence: self = .technicalSecretLicence
        case .consulting: self = .consulting
        case .service: self = .service
        }
    }
}

extension Components.Schemas.ContractType {
    init(_ domain: ContractType) {
        switch domain {
        case .commissionedDevelopment: self = .commissionedDevelopment
        case .cooperativeDevelopment: self = .cooperativeDevelopment
        case .patentRightTransfer: self = .patentRightTransfer
        case .patentApplicationRightTransfer: self = .patentApplicationRightTransfer
        case .technicalSecretTransfer: self = .technicalSecretTransfer
        case .patentLicence: self = .patentLicence
        case .technicalSecretLicence: self = .technicalSecretLicence
        case .consulting: self = .consulting
        case .service: self = .service
        }
    }
}

extension ContractStatus {
    init(_ wire: Components.Schemas.ContractStatus) {
        switch wire {
        case .draft: self = .draft
        case .signed: self = .signed
        case .registrationApplied: self = .registrationApplied
        case .registered: self = .registered
        case .performing: self = .performing
        case .completed: self = .completed
        case .terminated: self = .terminated
        case .cancelled: self = .cancelled
        }
    }
}

extension Components.Schemas.ContractStatus {
    init(_ domain: ContractStatus) {
        switch domain {
        case .draft: self = .draft
        case .signed: self = .signed
        case .registrationApplied: self = .registrationApplied
        case .registered: self = .registered
        case .performing: self = .performing
        case .completed: self = .completed
        case .terminated: self = .terminated
        case .cancelled: self = .cancelled
        }
    }
}

extension Components.Schemas.ContractParty {
    init(_ domain: ContractParty) {
        switch domain {
        case .buyer: self = .buyer
        case .seller: self = .seller
        }
    }
}

extension ContractTerms {
    init(_ wire: Components.Schemas.ContractTerms) {
        self.init(
            type: ContractType(wire._type), exclusive: wire.exclusive ?? false, title: wire.title,
            valueFen: wire.valueFen,
            instalments: wire.instalments.map { Instalment(dueOn: $0.dueOn, amountFen: $0.amountFen) },
            termStart: wire.termStart, termEnd: wire.termEnd, fileSha256: wire.fileSha256,
            listingIds: wire.listingIds ?? [], needId: wire.needId, challengeId: wire.challengeId,
            connectionId: wire.connectionId)
    }
}

extension Components.Schemas.ContractTerms {
    init(_ domain: ContractTerms) {
        self.init(
            challengeId: domain.challengeId, connectionId: domain.connectionId, exclusive: domain.exclusive,
            fileSha256: domain.fileSha256,
            instalments: domain.instalments.map { .init(amountFen: $0.amountFen, dueOn: $0.dueOn) },
            listingIds: domain.listingIds, needId: domain.needId, termEnd: domain.termEnd, termStart: domain.termStart,
            title: domain.title, _type: .init(domain.type), valueFen: domain.valueFen)
    }
}

extension NewContract {
    init(_ wire: Components.Schemas.NewContract) {
        self.init(
            buyerOrganizationId: wire.buyerOrganizationId, sellerOrganizationId: wire.sellerOrganizationId,
            terms: ContractTerms(wire.terms))
    }
}

extension NewPayment {
    init(_ wire: Components.Schemas.NewContractPayment) {
        self.init(amountFen: wire.amountFen, paidOn: wire.paidOn, instalment: wire.instalment.map { Int($0) })
    }
}

extension Components.Schemas.ContractConfirmation {
    init(_ domain: Contract.Confirmation) {
        self.init(at: domain.at, termsHash: domain.termsHash, userId: domain.userId)
    }
}

extension Components.Schemas.Contract {
    init(_ domain: Contract) {
        self.init(
            amendment: domain.amendment.map {
                Components.Schemas.ContractAmendment(
                    buyerConfirmation: $0.buyerConfirmation.map(Components.Schemas.ContractConfirmation.init),
                    proposedBy: .init($0.proposedBy),
                    sellerConfirmation: $0.sellerConfirmation.map(Components.Schemas.ContractConfirmation.init),
                    terms: .init($0.terms), termsHash: $0.termsHash)
            },
            buyerCity: .init(domain.buyerCity),
            buyerConfirmation: domain.buyerConfirmation.map(Components.Schemas.ContractConfirmation.init),
            buyerOrganizationId: domain.buyerOrganizationId, completedAt: domain.completedAt,
            createdAt: domain.createdAt, field: .init(domain.field),
            history: domain.history.map {
                Components.Schemas.ContractHistoryEvent(
                    at: $0.at, party: $0.party, reason: $0.reason, step: $0.step, userId: $0.userId,
                    version: Int64($0.version))
            },
            id: domain.id, paidFen: domain.paidFen,
            payments: domain.payments.map {
                Components.Schemas.ContractPayment(
                    amountFen: $0.amountFen, at: $0.at, id: $0.id, instalment: $0.instalment.map { Int64($0) },
                    paidOn: $0.paidOn, recordedByOrganizationId: $0.recordedByOrganizationId)
            },
            registration: Components.Schemas.ContractRegistration(
                appliedAt: domain.registration.appliedAt, clerkUserId: domain.registration.clerkUserId,
                number: domain.registration.number, registeredAt: domain.registration.registeredAt,
                returnedReason: domain.registration.returnedReason),
            sellerCity: .init(domain.sellerCity),
            sellerConfirmation: domain.sellerConfirmation.map(Components.Schemas.ContractConfirmation.init),
            sellerOrganizationId: domain.sellerOrganizationId, signedAt: domain.signedAt, status: .init(domain.status),
            terminatedAt: domain.terminatedAt, terminationReason: domain.terminationReason, terms: .init(domain.terms),
            termsHash: domain.termsHash, updatedAt: domain.updatedAt, version: Int64(domain.version))
    }
}

extension Components.Schemas.ContractPage {
    init(_ domain: Page<Contract>) {
        self.init(items: domain.items.map(Components.Schemas.Contract.init), nextCursor: domain.nextCursor)
    }
}

extension PageBody<Components.Schemas.ContractPage> {
    init(_ page: Components.Schemas.ContractPage) { self.init(page: page, nextCursor: page.nextCursor) }
}

extension Components.Schemas.ContractStatistics {
    init(_ domain: ContractStatisticsReport) {
        let amounts = { (rows: [ContractStatisticsReport.Amount]) in
            rows.map {
                Components.Schemas.TurnoverAmount(
                    contracts: Int64($0.contracts), key: $0.key, valueFen: $0.valueFen, withheld: $0.withheld)
            }
        }
        self.init(
            byBroker: amounts(domain.byBroker), byBuyerCity: amounts(domain.byBuyerCity),
            byField: amounts(domain.byField),
            byMonth: amounts(domain.byMonth),
            bySellerCity: amounts(domain.bySellerCity), byType: amounts(domain.byType),
            contracts: Int64(domain.contracts),
            from: domain.from,
            funnel: Components.Schemas.DealFunnel(
                connectionsAccepted: Int64(domain.funnel.connectionsAccepted),
                contractsRegistered: Int64(domain.funnel.contractsRegistered),
                contractsSigned: Int64(domain.funnel.contractsSigned),
                medianDaysConnectionToSignature: domain.funnel.medianDaysConnectionToSignature.map { Int64($0) },
                medianDaysNeedToConnection: domain.funnel.medianDaysNeedToConnection.map { Int64($0) },
                medianDaysSignatureToRegistration: domain.funnel.medianDaysSignatureToRegistration.map { Int64($0) },
                needsPosted: Int64(domain.funnel.needsPosted)),
            matrix: domain.matrix.map {
                Components.Schemas.TurnoverCell(
                    buyerCity: .init($0.buyerCity), contracts: Int64($0.contracts), sellerCity: .init($0.sellerCity),
                    valueFen: $0.valueFen, withheld: $0.withheld)
            },
            to: domain.to, totalFen: domain.totalFen, voucherByType: amounts(domain.voucherByType),
            withholding: domain.withholding, withinCityFen: domain.withinCityFen,
            withinCityPermille: Int64(domain.withinCityPermille))
    }
}
