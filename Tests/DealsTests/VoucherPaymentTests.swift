import Deals
import Foundation
import GRDB
import Identity
import Kernel
import Listings
@_spi(Testing) import Store
import Testing
import Vouchers

/// Vouchers pay for technology contracts (issue 16): a redemption names a signed contract whose
/// buyer is the voucher's enterprise and whose seller is the provider; the category follows
/// from the contract's type; every redemption of one contract together stays within the
/// policy's ratio × its value; a 通用 claim needs a recorded payment.
struct VoucherPaymentTests {
    static let start = Date(timeIntervalSince1970: 1_794_276_000)
    let clock = ManualClock(start)
    let database: AppDatabase
    let contracts: ContractService
    let redemptions: RedemptionService

    init() throws {
        database = try AppDatabase.inMemory(
            clock: clock,
            modules: [IdentityMigrations.all, ListingsMigrations.all, VouchersMigrations.all, DealsMigrations.all])
        _ = try IdentitySeeder.load(directory: DealsWorld.root.appendingPathComponent("Seeds"), into: database)
        contracts = ContractService(database: database)
        redemptions = RedemptionService(database: database, contracts: VoucherContractRegistry())
    }

    func organization(_ kind: OrganizationKind, _ city: CityCode, _ index: Int = 0) async throws -> Int64 {
        try #require(
            try await database.read { db in
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM organizations WHERE kind = ? AND city = ? ORDER BY id LIMIT 1 OFFSET ?",
                    arguments: [kind.rawValue, city.rawValue, index])
            })
    }

    func person(_ role: Role, _ organization: Int64, _ city: CityCode) -> Actor {
        Actor(userID: organization * 100 + 1, organizationID: organization, city: city, role: role, requestID: "t")
    }

    struct Cast {
        var enterprise: Actor
        var provider: Actor
        var otherProvider: Actor
        var voucher: Voucher
    }

    /// A Huanggang policy and voucher (¥200,000), two listed Wuhan providers.
    func cast(rule: VoucherPolicy.ContractRule? = nil) async throws -> Cast {
        let city = person(.cityAdmin, try await organization(.government, .huanggang), .huanggang)
        _ = try await PolicyService(database: database).create(
            NewVoucherPolicy(
                year: 2026, budgetFen: 1_000_000_000, unitFen: 100_000, yearlyCapFen: 50_000_000,
                categories: [
                    .init(category: .testing, ratioPermille: 500),
                    .init(category: .technologyTransfer, ratioPermille: 600),
                ],
                validUntil: Date(timeIntervalSince1970: 1_806_422_400), modes: [.tongdui, .tongyong],
                contractRule: rule),
            by: city)
        let registry = ProviderService(database: database)
        var providers: [Actor] = []
        for index in 0..<2 {
            let provider = person(.orgAdmin, try await organization(.provider, .wuhan, index), .wuhan)
            let applied = try await registry.apply(NewProvider(categories: ServiceCategory.allCases), by: provider)
            _ = try await registry.act(
                applied.id, ProviderAction(action: .approve),
                by: person(.cityAdmin, try await organization(.government, .wuhan), .wuhan))
            providers.append(provider)
        }
        clock.advance(by: 7 * 86_400 + 1)
        let enterprise = person(.orgAdmin, try await organization(.enterprise, .huanggang), .huanggang)
        let vouchers = VoucherService(database: database)
        let application = try await vouchers.apply(NewVoucherApplication(amountFen: 20_000_000), by: enterprise)
        let approved = try await vouchers.decide(application.id, VoucherDecision(approve: true), by: city)
        let voucher = try await vouchers.voucher(try #require(approved.voucherId), viewer: enterprise)
        return Cast(enterprise: enterprise, provider: providers[0], otherProvider: providers[1], voucher: voucher)
    }

    /// A technical-service contract of `value` between the enterprise and the provider, signed unless `draft`.
    func contract(_ cast: Cast, value: Int64 = 10_000_000, draft: Bool = false) async throws -> Contract {
        let now = clock.now()
        let created = try await contracts.create(
            NewContract(
                buyerOrganizationId: cast.enterprise.organizationID!,
                sellerOrganizationId: cast.provider.organizationID!,
                terms: ContractTerms(
                    type: .service, exclusive: false, title: "锂电池隔膜检测技术服务合同", valueFen: value,
                    instalments: [.init(dueOn: now.addingTimeInterval(30 * 86_400), amountFen: value)], termStart: now,
                    termEnd: now.addingTimeInterval(180 * 86_400), fileSha256: DealsWorld.fileHash, listingIds: [],
                    needId: nil,
                    challengeId: nil, connectionId: nil)),
            by: cast.enterprise)
        if draft { return created }
        _ = try await contracts.confirm(created.id, termsHash: created.termsHash, by: cast.enterprise)
        return try await contracts.confirm(created.id, termsHash: created.termsHash, by: cast.provider)
    }

    func redeem(
        _ cast: Cast, _ contract: Int64, provider: Actor? = nil, mode: RedemptionMode = .tongdui, by: Actor? = nil,
        voucher: Int64? = nil
    ) async throws -> Redemption {
        try await redemptions.open(
            NewRedemption(
                voucherId: voucher ?? cast.voucher.id,
                providerOrganizationId: (provider ?? cast.provider).organizationID!,
                contractNumber: "ignored", category: .rd, contractFen: 1, mode: mode,
                invoiceNumber: mode == .tongyong ? "INV-1" : nil, technologyContractId: contract),
            by: by ?? cast.enterprise)
    }

    @Test func aSignedContractIsPaidItsPolicyShareOnceAcrossRedemptions() async throws {
        let cast = try await cast()
        let signed = try await contract(cast)
        let first = try await redeem(cast, signed.id)
        #expect(first.technologyContractId == signed.id)
        #expect(first.category == .testing, "a technical-service contract is paid as testing")
        #expect(first.contractFen == 10_000_000 && first.voucherFen == 5_000_000, "50 % of ¥100,000")
        #expect(first.contractNumber == VoucherContractRegistry.platformNumber(signed.id))
        let error = await #expect(throws: DomainError.self) { _ = try await redeem(cast, signed.id) }
        #expect(error?.code == "contract_fully_subsidised", "the second redemption would exceed ratio × value")
        // The statistics count the voucher part under the contract's type.
        let report = try await ContractStatistics(database: database).report(viewer: DealsWorld.auditor)
        #expect(
            report.voucherByType.map { [$0.key, String($0.contracts), String($0.valueFen)] } == [
                ["service", "1", "5000000"]
            ])
    }

    @Test func aContractThatIsNotSignedOrNotTheirsPaysNothing() async throws {
        let cast = try await cast()
        let draft = try await contract(cast, draft: true)
        let signed = try await contract(cast)
        let cases: [(String, () async throws -> Redemption)] = [
            ("technology_contract_not_signed", { try await redeem(cast, draft.id) }),
            ("technology_contract_not_found", { try await redeem(cast, 999_999) }),
            ("technology_contract_other_seller", { try await redeem(cast, signed.id, provider: cast.otherProvider) }),
            ("technology_contract_unpaid", { try await redeem(cast, signed.id, mode: .tongyong) }),
        ]
        for (code, attempt) in cases {
            let error = await #expect(throws: DomainError.self, "\(code)") { _ = try await attempt() }
            #expect(error?.code == code)
        }
        let opened = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM voucher_redemptions")
        }
        #expect(opened == 0, "nothing half-written")
    }

    @Test func aTongyongClaimIsBasedOnWhatWasPaid() async throws {
        let cast = try await cast()
        let signed = try await contract(cast)
        _ = try await contracts.recordPayment(
            signed.id, NewPayment(amountFen: 4_000_000, paidOn: clock.now(), instalment: 1), by: cast.enterprise)
        let claim = try await redeem(cast, signed.id, mode: .tongyong)
        #expect(claim.voucherFen == 2_000_000, "50 % of the ¥40,000 paid, not of the ¥100,000 value")
        #expect(claim.status == .claimed)
    }

    /// A city whose policy pays only into platform contracts refuses typed terms; one that pays
    /// only into registered contracts waits for the Wuhan clerk's registration.
    @Test func thePolicyDecidesWhichContractsVouchersPayInto() async throws {
        let signedOnly = try await cast(rule: .signed)
        let typed = await #expect(throws: DomainError.self) {
            _ = try await redemptions.open(
                NewRedemption(
                    voucherId: signedOnly.voucher.id, providerOrganizationId: signedOnly.provider.organizationID!,
                    contractNumber: "HT-2026-001", category: .testing, contractFen: 10_000_000),
                by: signedOnly.enterprise)
        }
        #expect(typed?.code == "technology_contract_required")
        #expect(typed?.field == "technologyContractId")
    }

    @Test func aRegisteredOnlyPolicyPaysOnceTheSellersCityRegistered() async throws {
        let cast = try await cast(rule: .registered)
        let signed = try await contract(cast)
        let early = await #expect(throws: DomainError.self) { _ = try await redeem(cast, signed.id) }
        #expect(early?.code == "technology_contract_not_registered")
        _ = try await contracts.applyForRegistration(signed.id, by: cast.provider)
        let clerk = person(.cityAdmin, try await organization(.government, .wuhan), .wuhan)
        let registered = try await contracts.register(signed.id, by: clerk)
        let number = try #require(registered.registration.number)
        let paid = try await redeem(cast, signed.id)
        #expect(paid.contractNumber == number, "the redemption carries the registration number")
        #expect(paid.voucherFen == 5_000_000)
    }

    /// Registration gives the contract a new number; its redemptions stay under one cap.
    @Test func registeringAContractDoesNotStartANewCap() async throws {
        let cast = try await cast()
        let signed = try await contract(cast)
        let first = try await redeem(cast, signed.id)
        #expect(first.voucherFen == 5_000_000)
        _ = try await contracts.applyForRegistration(signed.id, by: cast.provider)
        _ = try await contracts.register(
            signed.id, by: person(.cityAdmin, try await organization(.government, .wuhan), .wuhan))
        let again = await #expect(throws: DomainError.self) { _ = try await redeem(cast, signed.id) }
        #expect(again?.code == "contract_fully_subsidised", "the registered number is the same contract")
    }
}
