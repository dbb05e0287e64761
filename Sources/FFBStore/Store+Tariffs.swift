import FFBCatalog
import FFBModel
import FFBSQLite

extension StoreWriter {
    /// Adds tariffs; a period that overlaps a stored tariff of the same provider and level is an error.
    package func addTariffs(_ tariffs: [Tariff]) throws(StoreError) {
        try StoreError.mapping {
            // Compared within their provider and level only: a file at the row limit against a store
            // as large costs what the few periods of one provider and level cost, not row × row.
            let existing = TariffTable(try Store.tariffs(in: database))
            for tariff in tariffs {
                if let clash = existing.tariffs(provider: tariff.provider, level: tariff.supportLevel).first(where: { $0.overlaps(tariff) }) {
                    throw StoreError.invalid("tariff for \(tariff.provider) level \(tariff.supportLevel.rawValue) from \(tariff.validFrom) overlaps a stored one from \(clash.validFrom)")
                }
                _ = try database.execute(
                    "INSERT INTO tariffs (provider, support_level, daily_rate_ore, valid_from, valid_to, write_id) VALUES (?, ?, ?, ?, ?, ?)",
                    [.text(tariff.provider), .text(tariff.supportLevel.rawValue), .integer(Int64(tariff.dailyRateOre)),
                     .text(tariff.validFrom.iso), SQLiteValue(tariff.validTo?.iso), .integer(writeID)]
                )
            }
        }
    }
}

extension Store {
    package func tariffs() throws(StoreError) -> [Tariff] {
        try read { try Self.tariffs(in: database) }
    }

    static func tariffs(in database: Database) throws -> [Tariff] {
        try database.query("SELECT provider, support_level, daily_rate_ore, valid_from, valid_to FROM tariffs ORDER BY provider, support_level, valid_from").map { row in
            guard let level = SupportLevel(cliValue: try row.string(1)) else { throw StoreError.database("damaged tariff in store") }
            return Tariff(provider: try row.string(0), supportLevel: level, dailyRateOre: try row.int(2),
                          validFrom: try date(row.string(3)), validTo: try row.optionalString(4).map(date))
        }
    }
}
