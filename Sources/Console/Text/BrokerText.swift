/// Labels of the broker's page and the client's delegations page (issue 18).
enum BrokerText {
    static let table: [String: (String, String)] = [
        "nav.broker": ("技术经理人", "Broker desk"),
        "nav.delegations": ("委托技术经理人", "Delegations"),
        "broker.title": ("技术经理人工作台", "Broker desk"),
        "broker.how": (
            "您可以在委托方授予的范围和期限内代其办理；每次代办都记入审计日志（“技术经理人 某某 代 委托方”）。委托方可随时撤销委托，撤销后立即生效。",
            "You act for a client within the scope and period it granted; each action is recorded in the audit log as “broker X for client Y”. The client may revoke at any time, effective at once."
        ),
        "broker.kind.agency": ("技术转移机构", "Technology-transfer agency"),
        "broker.kind.sub_market": ("分市场", "Sub-market"),
        "broker.clients": ("委托方", "Clients"),
        "broker.no_clients": ("目前没有有效的委托。", "No active delegations yet."),
        "broker.client": ("委托方", "Client"),
        "broker.scope": ("委托范围", "Scope"),
        "broker.ends": ("截止", "Ends"),
        "broker.open_needs": ("进行中的需求", "Open needs"),
        "broker.no_needs": ("暂无进行中的需求。", "No open needs."),
        "broker.matches": ("最佳匹配", "Best matches"),
        "broker.no_matches": ("暂无匹配", "No matches yet"),
        "broker.act_for": ("代委托方发布需求", "Post a need for a client"),
        "broker.act_for_client": ("代办委托方", "Acting for"),
        "broker.need_title": ("需求名称", "Title"),
        "broker.need_description": ("需求描述", "Description"),
        "broker.need_field": ("技术领域", "Field"),
        "broker.need_deadline": ("截止日期", "Deadline"),
        "broker.need_mode": ("合作方式", "Cooperation"),
        "broker.post": ("代为发布", "Post for the client"),
        "broker.posted": ("已代委托方发布需求。", "The need was posted for the client."),
        "delegation.title": ("委托技术经理人", "Delegations to brokers"),
        "delegation.how": (
            "把发布需求、对接、起草合同等事项委托给技术转移机构的技术经理人；资金事项须逐笔确认。可随时撤销，立即生效。",
            "Delegate posting needs, connections or contract drafts to a broker organisation's brokers; money steps are confirmed one by one. Revoke at any time, effective at once."
        ),
        "delegation.agency": ("技术转移机构", "Broker organisation"),
        "delegation.scope": ("委托范围", "Scope"),
        "delegation.period": ("期限", "Period"),
        "delegation.status": ("状态", "Status"),
        "delegation.ends": ("委托截止日期", "Ends on"),
        "delegation.grant": ("授予委托", "Grant the delegation"),
        "delegation.revoke": ("撤销委托", "Revoke"),
        "delegation.none": ("尚未委托任何机构。", "No delegations yet."),
        "delegation.no_agencies": ("平台上还没有登记的技术转移机构。", "No broker organisations are registered yet."),
        "delegation.scope.needs": ("发布和修改需求", "Post and edit needs"),
        "delegation.scope.connections": ("发起对接", "Request connections"),
        "delegation.scope.contracts": ("起草合同", "Draft contracts"),
        "delegation.scope.money": ("资金事项（逐笔确认）", "Money steps (each confirmed)"),
        "delegation.status.pending": ("未开始", "Not started"),
        "delegation.status.active": ("有效", "Active"),
        "delegation.status.expired": ("已到期", "Ended"),
        "delegation.status.revoked": ("已撤销", "Revoked"),
        "delegation.done.granted": ("委托已授予。", "The delegation is granted."),
        "delegation.done.revoked": ("委托已撤销，立即生效。", "The delegation is revoked, effective now."),
        "delegation.done.confirmed": (
            "已确认：技术经理人可为该合同记录一笔付款。", "Confirmed: the broker may record one payment on that contract."
        ),
        "delegation.confirm_contract": ("确认付款的合同编号", "Contract number to confirm a payment on"),
        "delegation.confirm": ("确认一笔付款", "Confirm one payment"),
        "audit.entry_actor": ("操作者", "Actor"),
        "audit.actor_broker": (
            "技术经理人：用户 {user}（{broker}）代委托方 {client}", "broker: user {user} ({broker}) for client {client}"
        ),
        "audit.actor_user": ("用户 {user}（{organization}）", "user {user} ({organization})"),
        "audit.actor_system": ("系统：{name}", "system: {name}"),
    ]
}
