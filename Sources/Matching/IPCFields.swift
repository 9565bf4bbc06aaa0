import Foundation
import Kernel

/// Which of the corridor's fields an IPC code's technology belongs to, by section, class or
/// subclass (longest prefix wins). A code may serve several fields (G01S: satellite
/// positioning and lidar).
enum IPCFields {
    static let table: [String: Set<Field>] = [
        // Optoelectronic information: semiconductors, lasers, optics, optical communication, displays.
        "H01L": [.optoelectronics], "H01S": [.optoelectronics], "G02B": [.optoelectronics], "G02F": [.optoelectronics],
        "H04B": [.optoelectronics], "H04J": [.optoelectronics], "H04L": [.optoelectronics, .ai],
        "H04N": [.optoelectronics],
        "H04W": [.optoelectronics], "H05B": [.optoelectronics], "G09G": [.optoelectronics], "H10K": [.optoelectronics],
        "H10B": [.optoelectronics], "H01Q": [.optoelectronics, .beidou], "H03": [.optoelectronics],
        // New energy and connected vehicles: batteries, electric drive, charging, vehicles.
        "H01M": [.newEnergyVehicles], "B60L": [.newEnergyVehicles], "B60W": [.newEnergyVehicles, .ai],
        "B60K": [.newEnergyVehicles], "B62D": [.newEnergyVehicles], "H02J": [.newEnergyVehicles],
        "H02K": [.newEnergyVehicles],
        "H02M": [.newEnergyVehicles], "H02S": [.newEnergyVehicles], "F02": [.newEnergyVehicles],
        "B60": [.newEnergyVehicles],
        "G08G": [.newEnergyVehicles, .beidou],
        // Life and health: medicine, biotechnology, food.
        "A61": [.lifeHealth], "C12": [.lifeHealth], "C07K": [.lifeHealth], "A23": [.lifeHealth], "A01N": [.lifeHealth],
        "G16H": [.lifeHealth, .ai], "C07D": [.lifeHealth], "A01K": [.lifeHealth],
        // High-end equipment: machine tools, robots, materials, precision machinery.
        "B23": [.highEndEquipment], "B25J": [.highEndEquipment, .ai], "B22F": [.highEndEquipment],
        "B33Y": [.highEndEquipment],
        "F16": [.highEndEquipment], "G05B": [.highEndEquipment, .ai], "B64": [.highEndEquipment, .beidou],
        "C22C": [.highEndEquipment], "C04B": [.highEndEquipment], "B21": [.highEndEquipment],
        "G01M": [.highEndEquipment],
        "G01N": [.highEndEquipment, .lifeHealth],
        // BeiDou and space information: positioning, navigation, surveying.
        "G01S": [.beidou, .newEnergyVehicles], "G01C": [.beidou], "G01W": [.beidou], "G01V": [.beidou],
        "B64G": [.beidou],
        // Artificial intelligence: computing, learning, vision, speech.
        "G06N": [.ai], "G06F": [.ai], "G06V": [.ai], "G06T": [.ai], "G06Q": [.ai], "G10L": [.ai], "G06K": [.ai],
    ]

    static func fields(of code: String) -> Set<Field> {
        let compact = code.uppercased().replacingOccurrences(of: " ", with: "")
        for length in stride(from: min(compact.count, 4), through: 3, by: -1) {
            if let fields = table[String(compact.prefix(length))] { return fields }
        }
        return []
    }
}
