/// The six focus fields the action plan names, plus `other` for everything else.
public enum Field: String, Codable, CaseIterable, Sendable {
    case optoelectronics
    case newEnergyVehicles = "new_energy_vehicles"
    case lifeHealth = "life_health"
    case highEndEquipment = "high_end_equipment"
    case beidou
    case ai
    case other

    public var nameZh: String {
        switch self {
        case .optoelectronics: "光电子信息"
        case .newEnergyVehicles: "新能源与智能网联汽车"
        case .lifeHealth: "生命健康"
        case .highEndEquipment: "高端装备"
        case .beidou: "北斗"
        case .ai: "人工智能"
        case .other: "其他"
        }
    }
}
