/// What the console covers of the API: for every operation of the contract
/// (`Sources/HTTPAPI/Contract/openapi.yaml`), the console routes that let a person do it, or why
/// no person does it there. `ConsoleCoverageTests` fails on an operation in neither list, on a
/// route the console does not serve, and on a name the contract no longer has.
///
/// Adding a page for an operation is one line in `pages`: `"operationId": ["METHOD /console/path"]`,
/// with the route as the router names it (`{id}` for a parameter).
enum ConsoleCoverage {
    static let pages: [String: [String]] = [
        "get_v1_achievements": ["GET /console"],
        "get_v1_achievements_id": ["GET /console/achievements/{id}"],
        "get_v1_achievements_id_matches": ["GET /console/portfolio/{kind}/{id}/matches"],
        "get_v1_audit_checkpoint": ["GET /console/audit"],
        "get_v1_audit_checkpoints": ["GET /console/audit"],
        "post_v1_audit_checkpoints": ["POST /console/audit/checkpoint"],
        // The audit page's "prove this entry" fetches the proof and verifies it in the page.
        "get_v1_audit_proof_inclusion": ["GET /console/audit"],
        "post_v1_auth_login": ["GET /console/login", "POST /console/login"],
        "post_v1_auth_logout": ["POST /console/logout"],
        "get_v1_certifications": ["GET /console/city/cases"],
        "post_v1_certifications_id_decision": ["POST /console/city/certifications/{id}/decide"],
        "get_v1_challenges": ["GET /console/challenges"],
        "get_v1_challenges_id": ["GET /console/challenges/{id}/apply"],
        "get_v1_challenges_id_applications": ["GET /console/applications"],
        "post_v1_challenges_id_applications": [
            "GET /console/challenges/{id}/apply", "POST /console/challenges/{id}/apply",
        ],
        "post_v1_challenges_id_applications_applicationId_milestones": [
            "POST /console/applications/{challenge}/{application}/milestones"
        ],
        "post_v1_challenges_id_transitions": ["GET /console/city", "POST /console/city/challenges/{id}/decide"],
        "get_v1_connections": ["GET /console/connections"],
        "post_v1_connections": ["GET /console/connections/new", "POST /console/connections"],
        "get_v1_connections_id": ["GET /console/connections/{id}"],
        "post_v1_connections_id_answer": ["POST /console/connections/{id}/answer"],
        "post_v1_connections_id_attachments": ["POST /console/connections/{id}/messages"],
        "get_v1_connections_id_attachments_sha256": ["GET /console/connections/{id}/attachments/{sha}"],
        "get_v1_connections_id_contacts": ["GET /console/connections/{id}"],
        "get_v1_connections_id_messages": ["GET /console/connections/{id}"],
        "post_v1_connections_id_messages": ["POST /console/connections/{id}/messages"],
        "get_v1_contracts": ["GET /console/contracts"],
        "post_v1_contracts": ["GET /console/contracts/new", "POST /console/contracts"],
        "get_v1_contracts_id": ["GET /console/contracts/{id}"],
        "post_v1_contracts_id_amendment": ["GET /console/contracts/{id}/amend", "POST /console/contracts/{id}/amend"],
        "post_v1_contracts_id_amendment_confirmation": ["POST /console/contracts/{id}/steps/{step}"],
        "post_v1_contracts_id_cancellation": ["POST /console/contracts/{id}/steps/{step}"],
        "post_v1_contracts_id_completion": ["POST /console/contracts/{id}/steps/{step}"],
        "post_v1_contracts_id_confirmation": ["POST /console/contracts/{id}/steps/{step}"],
        "post_v1_contracts_id_payments": ["POST /console/contracts/{id}/steps/{step}"],
        "post_v1_contracts_id_registration": ["POST /console/contracts/{id}/steps/{step}"],
        "post_v1_contracts_id_registration_approval": [
            "GET /console/city/registrations", "POST /console/city/registrations/{id}/register",
        ],
        "post_v1_contracts_id_registration_return": ["POST /console/city/registrations/{id}/return"],
        "post_v1_contracts_id_termination": ["POST /console/contracts/{id}/steps/{step}"],
        "put_v1_contracts_id_terms": ["GET /console/contracts/{id}/amend", "POST /console/contracts/{id}/amend"],
        "post_v1_matches_feedback": ["POST /console/needs/{id}/feedback"],
        "get_v1_ledger_check": ["GET /console/audit/ledger"],
        "get_v1_match_subscriptions": ["GET /console/match-subscriptions"],
        "post_v1_match_subscriptions": ["POST /console/match-subscriptions"],
        "delete_v1_match_subscriptions_id": ["POST /console/match-subscriptions/{id}/delete"],
        "get_v1_me": ["GET /console/account"],
        "post_v1_needs_id_moderation": ["GET /console/moderation/{kind}/{id}", "POST /console/moderation/{kind}/{id}"],
        "post_v1_patents_id_moderation": [
            "GET /console/moderation/{kind}/{id}", "POST /console/moderation/{kind}/{id}",
        ],
        "post_v1_achievements_id_moderation": [
            "GET /console/moderation/{kind}/{id}", "POST /console/moderation/{kind}/{id}",
        ],
        "post_v1_me_password": ["POST /console/account/password"],
        "get_v1_needs": ["GET /console", "GET /console/needs"],
        "post_v1_needs": ["GET /console/needs/new", "POST /console/needs"],
        "get_v1_needs_id": ["GET /console/needs/{id}"],
        "get_v1_needs_id_matches": ["GET /console/needs/{id}/matches"],
        "get_v1_notifications": ["GET /console/notifications"],
        "get_v1_notifications_preferences": ["GET /console/notifications/preferences"],
        "put_v1_notifications_preferences": ["POST /console/notifications/preferences"],
        "post_v1_notifications_read": ["POST /console/notifications/read"],
        "get_v1_organizations_id_certifications": ["GET /console/certifications"],
        "post_v1_organizations_id_certifications": ["POST /console/certifications"],
        "get_v1_organizations_id_notification-defaults": ["GET /console/notifications/preferences"],
        "put_v1_organizations_id_notification-defaults": ["POST /console/notifications/defaults"],
        "get_v1_organizations_id_relations": ["GET /console/relations"],
        "post_v1_organizations_id_relations": ["POST /console/relations"],
        "delete_v1_organizations_id_relations_relationId": ["POST /console/relations/{id}/withdraw"],
        "get_v1_organizations_id_sign-in-alerts": ["GET /console/account"],
        "get_v1_organizations_id_users": ["GET /console/account"],
        "get_v1_patents": ["GET /console", "GET /console/portfolio"],
        "post_v1_patents_import": ["GET /console/import", "POST /console/import"],
        "get_v1_patents_id": ["GET /console/patents/{id}"],
        "get_v1_patents_id_matches": ["GET /console/portfolio/{kind}/{id}/matches"],
        "get_v1_providers": ["GET /console/vouchers/{id}/redeem", "GET /console/city"],
        "post_v1_providers": ["GET /console/provider", "POST /console/provider/apply"],
        "get_v1_providers_id": ["GET /console/provider"],
        "post_v1_providers_id_objections": ["GET /console/providers/notice", "POST /console/providers/{id}/objection"],
        "post_v1_providers_id_actions": ["POST /console/city/providers/{id}/act"],
        "get_v1_receivables": ["GET /console/city/cases"],
        "post_v1_receivables_recoveries": ["POST /console/city/receivables/{id}/recover"],
        "get_v1_redemptions": ["GET /console/vouchers", "GET /console/provider", "GET /console/city/anomalies"],
        "get_v1_redemptions_id": ["GET /console/redemptions/{id}"],
        "post_v1_redemptions": ["GET /console/vouchers/{id}/redeem", "POST /console/vouchers/{id}/redeem"],
        "post_v1_redemptions_id_steps": [
            "POST /console/redemptions/{id}/step", "POST /console/provider/redemptions/{id}/confirm",
            "POST /console/provider/redemptions/{id}/cancel", "POST /console/city/redemptions/{id}/step",
            "POST /console/city/disputes/{id}/decide",
        ],
        "get_v1_saved_searches": ["GET /console/saved-searches"],
        "post_v1_saved_searches": ["POST /console/saved-searches"],
        "delete_v1_saved_searches_id": ["POST /console/saved-searches/{id}/{action}"],
        "post_v1_saved_searches_id_feed": ["POST /console/saved-searches/{id}/{action}"],
        "get_v1_search": ["GET /console"],
        "post_v1_settlements": ["POST /console/city/settlements/approve"],
        "get_v1_settlements_report": [
            "GET /console/city/settlements", "GET /console/city/settlements.csv",
            "GET /console/city/settlements/redemptions",
        ],
        "get_v1_settlements_corridor": ["GET /console/city/settlements"],
        "get_v1_settlements_id": ["GET /console/city/settlements"],
        "post_v1_settlements_id_payment": ["POST /console/city/settlements/{id}/pay"],
        "get_v1_statistics_contracts": ["GET /console/statistics"],
        "post_v1_users_id_disable": ["POST /console/account/users/{id}/disable"],
        "get_v1_voucher-applications": ["GET /console/city"],
        "post_v1_voucher-applications_id_decision": ["POST /console/city/vouchers/{id}/decide"],
        "get_v1_voucher-policies": ["GET /console/city/policies"],
        "post_v1_voucher-policies": ["GET /console/city/policies/new", "POST /console/city/policies/new"],
        "get_v1_voucher-policies_id": ["GET /console/city/policies/{id}/amend"],
        "post_v1_voucher-policies_id_amendments": [
            "GET /console/city/policies/{id}/amend", "POST /console/city/policies/{id}/amend",
        ],
        "get_v1_vouchers": ["GET /console/vouchers"],
        "post_v1_vouchers": ["POST /console/vouchers/apply"],
        "get_v1_vouchers_id": ["GET /console/vouchers"],
        "post_v1_vouchers_id_revocation": ["POST /console/city/vouchers/{id}/revoke"],
        "post_v1_challenges_id_applications_applicationId_withdraw": [
            "GET /console/applications", "POST /console/applications/{challenge}/{application}/withdraw",
        ],
        // Challenge owners and experts (issue 18).
        "post_v1_challenges": ["GET /console/my-challenges/new", "POST /console/my-challenges"],
        "post_v1_challenges_id_experts": [
            "GET /console/my-challenges/{id}", "POST /console/my-challenges/{id}/{step}",
        ],
        "post_v1_challenges_id_milestones_milestoneId_decision": [
            "POST /console/my-challenges/{id}/milestones/{milestone}"
        ],
        "post_v1_challenges_id_applications_applicationId_scores": [
            "GET /console/reviews/{challenge}/{application}", "POST /console/reviews/{challenge}/{application}/{step}",
        ],
        "post_v1_challenges_id_applications_applicationId_conflict_declaration": [
            "POST /console/reviews/{challenge}/{application}/{step}"
        ],
        // Needs and listings edited, paused, closed, withdrawn (issue 18).
        "patch_v1_needs_id": [
            "GET /console/needs/{id}/edit", "POST /console/needs/{id}/edit", "POST /console/needs/{id}/status",
        ],
        "patch_v1_patents_id": [
            "GET /console/portfolio/{kind}/{id}/edit", "POST /console/portfolio/{kind}/{id}/edit",
            "POST /console/portfolio/{kind}/{id}/status",
        ],
        "patch_v1_achievements_id": [
            "GET /console/portfolio/{kind}/{id}/edit", "POST /console/portfolio/{kind}/{id}/edit",
            "POST /console/portfolio/{kind}/{id}/status",
        ],
        // Accounts (issue 18): invitations, resets, one-time passwords, own sessions and tokens.
        "get_v1_me_tokens": ["GET /console/account/security"],
        "get_v1_me_totp": ["GET /console/account/security"],
        "delete_v1_me_tokens_id": ["POST /console/account/security/tokens/{id}/revoke"],
        "post_v1_me_totp_start": ["POST /console/account/security/totp/start"],
        "post_v1_me_totp_confirm": ["POST /console/account/security/totp/confirm"],
        "post_v1_me_totp_disable": ["POST /console/account/security/totp/disable"],
        "get_v1_organizations_id_invitations": ["GET /console/account/invitations"],
        "post_v1_organizations_id_invitations": ["POST /console/account/invitations"],
        "post_v1_invitations_id_revoke": ["POST /console/account/invitations/{id}/revoke"],
        "post_v1_invitations_preview": ["GET /console/invitation"],
        "post_v1_invitations_accept": ["POST /console/invitation"],
        "post_v1_auth_password_reset": ["GET /console/password-reset", "POST /console/password-reset"],
        "post_v1_auth_password_reset_complete": ["POST /console/password-reset/complete"],
        "get_v1_organizations_id": ["GET /console/organization"],
        "get_v1_organizations": ["GET /console/organizations"],
        "post_v1_achievements": ["GET /console/portfolio/achievements/new", "POST /console/portfolio/achievements"],
        "get_v1_organizations_id_matches": ["GET /console/counterparts"],
        "get_v1_broker_agencies": ["GET /console/broker-agencies"],
        "post_v1_broker_agencies": ["POST /console/broker-agencies"],
        "get_v1_broker_agencies_id_brokers": ["GET /console/broker-agencies"],
        "post_v1_broker_agencies_id_brokers": ["POST /console/broker-agencies/{id}/brokers"],
        "patch_v1_organizations_id": ["POST /console/organization"],
        // Self-registration and its verification by the city (issue 18).
        "post_v1_registrations": ["GET /console/register", "POST /console/register"],
        "get_v1_registrations": ["GET /console/city/verifications"],
        "get_v1_registrations_id": ["GET /console/registration", "GET /console/city/verifications"],
        "post_v1_registrations_id_decision": [
            "POST /console/city/verifications/{id}/verify", "POST /console/city/verifications/{id}/reject",
        ],
        "get_v1_registrations_id_document": ["GET /console/registrations/{id}/document"],
        "put_v1_registrations_id_document": ["POST /console/register", "POST /console/registration/document"],
        "post_v1_registrations_id_resubmission": ["POST /console/registration/resubmit"],
        // Brokers and delegations (issue 18).
        "get_v1_delegations": ["GET /console/delegations", "GET /console/broker"],
        "post_v1_delegations": ["POST /console/delegations"],
        "post_v1_delegations_id_revocation": ["POST /console/delegations/{id}/revoke"],
        "post_v1_delegations_id_confirmations": ["POST /console/delegations/{id}/confirm"],
        // Notification e-mail's one-click unsubscribe, and the page its text links to (issue 17).
        "post_v1_unsubscribe": ["GET /console/unsubscribe", "POST /console/unsubscribe"],
    ]

    /// Operations no person does in the console: machines, scripts and other servers call them.
    static let exceptions: [String: String] = [
        "get_healthz": "liveness probe for the process supervisor",
        "get_readyz": "readiness probe for the load balancer",
        "get_metrics": "Prometheus scrape with its own token",
        "get_openapi_json": "the contract itself, for client generators and the fuzzer",
        "get_v1_cities": "reference list the console's forms already embed",
        "get_v1_fields": "reference list the console's forms already embed",
        "get_v1_parks": "reference list the console's forms already embed",
        "get_v1_feeds_listings_atom": "Atom feed for feed readers",
        "get_v1_feeds_saved_token": "a saved search's Atom feed for feed readers (the page hands out its address)",
        "get_v1_open_data": "open-data catalogue for machines (bulk files)",
        "get_v1_open_data_file": "open-data files for machines (bulk download)",
        "get_v1_audit_entries": "raw log entries for external auditors' verifiers",
        "get_v1_audit_proof_consistency": "consistency proofs for witnesses and external verifiers",
        "get_v1_audit_public-key": "the log's public key for external verifiers",
        "post_v1_audit_cosignatures": "witness servers cosign checkpoints",
        "post_v1_patents": "one-by-one creation by integrations; people use the bulk import page",
        "get_v1_organizations_id_webhooks": "webhook endpoints are set up by an integration's developer",
        "post_v1_organizations_id_webhooks": "webhook endpoints are set up by an integration's developer",
        "get_v1_webhooks_id_deliveries": "webhook delivery log for an integration's developer",
        "post_v1_webhooks_id_deliveries_deliveryId_redeliver": "webhook redelivery by an integration's developer",
        "post_v1_webhooks_id_disable": "webhook administration by an integration's developer",
        "post_v1_webhooks_id_rotate": "webhook secret rotation by an integration's developer",
        "post_v1_organizations_id_users":
            "an administrator who sets a person's password: the console invites instead (the person sets their own)",
        "get_v1_tokens": "an organisation's service tokens for its scripts (people see their own on the security page)",
        "post_v1_tokens":
            "an organisation's service tokens for its scripts (people see their own on the security page)",
        "delete_v1_tokens_id":
            "an organisation's service tokens for its scripts (people revoke their own sessions there)",
        "post_v1_organizations":
            "platform administrators' set-up of bureaus and the platform; organisations register themselves at /console/register",
        "post_v1_matches_query":
            "ad-hoc matching of free text for integrations; people post a need and see its matches",
    ]

    /// Operations whose page is being built on another branch of issue 18, or not yet built:
    /// each names where. The test lists them on every run; this list should be empty when the
    /// issue closes.
    static let withoutPageYet: [String: String] = [:]
}
