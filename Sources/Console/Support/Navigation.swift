import Identity
import Kernel

/// The menu for a visitor: public pages for all, then the pages of their role.
enum Navigation {
    struct Item {
        let key: String
        let href: String
    }

    static func entries(for visit: Visit) -> [Item] {
        var items = [
            Item(key: "nav.search", href: "/console"), Item(key: "nav.challenges", href: "/console/challenges"),
            Item(key: "nav.statistics", href: "/console/statistics"),
        ]
        guard let principal = visit.principal else { return items + [Item(key: "nav.login", href: "/console/login")] }
        switch principal.role {
        case .platformAdmin:
            items += [
                Item(key: "nav.city", href: "/console/city"),
                Item(key: "nav.settlements", href: "/console/city/settlements"),
                Item(key: "nav.audit", href: "/console/audit"),
                Item(key: "nav.verifications", href: "/console/city/verifications"),
            ]
        case .cityAdmin:
            items += [
                Item(key: "nav.city", href: "/console/city"), Item(key: "nav.policies", href: "/console/city/policies"),
                Item(key: "nav.anomalies", href: "/console/city/anomalies"),
                Item(key: "nav.cases", href: "/console/city/cases"),
                Item(key: "nav.settlements", href: "/console/city/settlements"),
                Item(key: "nav.registrations", href: "/console/city/registrations"),
                Item(key: "nav.verifications", href: "/console/city/verifications"),
            ]
        case .auditor:
            items += [Item(key: "nav.audit", href: "/console/audit")]
        case .orgAdmin, .orgMember, .expert:
            // A self-registered organisation awaiting its city: its administrator follows it here.
            if principal.organizationUnverified, principal.role == .orgAdmin {
                items.append(Item(key: "nav.registration", href: "/console/registration"))
            }
            switch visit.organizationKind {
            case .enterprise?:
                items += [
                    Item(key: "nav.needs", href: "/console/needs"),
                    Item(key: "nav.vouchers", href: "/console/vouchers"),
                ]
                if principal.role != .expert {
                    items.append(Item(key: "nav.my_challenges", href: "/console/my-challenges"))
                }
                if principal.role == .orgAdmin {
                    items.append(Item(key: "nav.certifications", href: "/console/certifications"))
                }
            case .university?, .institute?, .lab?:
                // Only what the role may do: an expert of a university sees the portfolio alone.
                let actor = principal.actor(requestID: visit.requestID)
                let own = AccessTarget(organizationID: principal.organizationID, city: principal.city)
                items.append(Item(key: "nav.portfolio", href: "/console/portfolio"))
                if Authorization.allows(actor, .listingCreate, on: own) {
                    items.append(Item(key: "nav.import", href: "/console/import"))
                }
                if Authorization.allows(actor, .challengeApply, on: own) {
                    items.append(Item(key: "nav.applications", href: "/console/applications"))
                }
            case .provider?:
                items += [Item(key: "nav.provider", href: "/console/provider")]
            default:
                break
            }
            // An expert's own review page, whatever the organisation (issue 18).
            if principal.role == .expert {
                items.append(Item(key: "nav.reviews", href: "/console/reviews"))
            }
            // Brokers (issue 18): clients' administrators delegate; broker organisations (agencies
            // are providers or institutes) act for their clients.
            if principal.role == .orgAdmin, [.enterprise, .university].contains(visit.organizationKind) {
                items.append(Item(key: "nav.delegations", href: "/console/delegations"))
            }
            if principal.role != .expert, [.provider, .institute].contains(visit.organizationKind) {
                items.append(Item(key: "nav.broker", href: "/console/broker"))
            }
            // Connections and contracts: the people of the organisations that trade (not experts).
            if principal.role != .expert, let kind = visit.organizationKind, DealPages.kinds.contains(kind) {
                items += [
                    Item(key: "nav.connections", href: "/console/connections"),
                    Item(key: "nav.contracts", href: "/console/contracts"),
                ]
            }
        }
        return items + [
            Item(key: "nav.saved", href: "/console/saved-searches"),
            Item(key: "nav.subscriptions", href: "/console/match-subscriptions"),
            Item(key: "nav.account", href: "/console/account"),
        ]
    }

    /// One link of the menu as the frame shows it.
    struct Link: Sendable {
        let href: String
        let label: String
        let current: Bool
    }

    static func items(for visit: Visit) -> [Link] {
        let path = visit.path.split(separator: "?").first.map(String.init) ?? visit.path
        return entries(for: visit).map { item in
            Link(href: item.href, label: visit.text(item.key), current: path == item.href)
        }
    }
}
