import Identity
import Kernel

// The reference lists (Identity's rows loaded from Seeds/) as the document describes them.

extension Components.Schemas.CityList {
    init(_ domain: [CityRecord]) {
        self.init(
            items: domain.map {
                Components.Schemas.City(
                    code: .init($0.code), divisionCode: $0.divisionCode, nameEn: $0.nameEn, nameZh: $0.nameZh)
            })
    }
}

extension Components.Schemas.FieldList {
    init(_ domain: [FieldRecord]) {
        self.init(items: domain.map { Components.Schemas.Field(code: $0.code, nameEn: $0.nameEn, nameZh: $0.nameZh) })
    }
}

extension Components.Schemas.ParkList {
    init(_ domain: [Park]) {
        self.init(
            items: domain.map {
                Components.Schemas.Park(
                    code: $0.code, hostCity: $0.hostCity.map(Components.Schemas.CityCode.init), kind: $0.kind,
                    nameZh: $0.nameZh, partnerCity: $0.partnerCity.map(Components.Schemas.CityCode.init),
                    source: $0.source)
            })
    }
}
