@testable import FFBPostgres
@testable import FFBSQLite
import Testing

/// The PostgreSQL layer's own rules, without a server: how SQL is sent and how addresses print.
@Suite struct PostgresLayerTests {
    @Test func placeholdersAreNumberedOutsideQuotesAndComments() throws {
        let (text, count) = try ServerStatement.numberingPlaceholders(
            "SELECT '?', \"a?\" FROM t -- why?\nWHERE a = ? AND b::text = ?2 AND c IN (?, ?)"
        )
        #expect(text == "SELECT '?', \"a?\" FROM t -- why?\nWHERE a = $1 AND b::text = $2 AND c IN ($3, $4)")
        #expect(count == 4)
    }

    @Test func sqlitePlannerHintsAreDroppedAndNamedParametersRefused() throws {
        let (text, _) = try ServerStatement.numberingPlaceholders("SELECT 1 FROM assessments a INDEXED BY assessments_citizen JOIN c ON c.id = a.id")
        #expect(text == "SELECT 1 FROM assessments a JOIN c ON c.id = a.id")
        #expect(throws: SQLiteError.self) { try ServerStatement.numberingPlaceholders("SELECT * FROM t WHERE a = :cpr") }
    }

    @Test func anAddressPrintsWithoutItsPassword() {
        #expect(PGAddress.redacted("postgresql://anna:hemmelig@db.kommune.dk:5432/ffb?sslmode=require")
                == "postgresql://anna:***@db.kommune.dk:5432/ffb?sslmode=require")
        #expect(PGAddress.redacted("postgres://db/ffb?user=anna&password=hemmelig&sslmode=require")
                == "postgres://db/ffb?user=anna&password=***&sslmode=require")
        #expect(PGAddress.redacted("postgresql://anna@/ffb?host=/run/pg") == "postgresql://anna@/ffb?host=/run/pg")
        #expect(PGAddress.redacted("host=db password='hemmelig kode' dbname=ffb") == "host=db password=*** dbname=ffb")
        #expect(PGAddress.passwords(in: "postgresql://anna:hem%3Amelig@db/ffb") == ["hem:melig"])
    }

    @Test func anAddressToGiveAgainHasNoPasswordAtAll() {
        #expect(PGAddress.withoutPassword("postgresql://anna:hemmelig@db.kommune.dk:5432/ffb?sslmode=require")
                == "postgresql://anna@db.kommune.dk:5432/ffb?sslmode=require")
        #expect(PGAddress.withoutPassword("postgres://db/ffb?user=anna&password=hemmelig&sslmode=require") == "postgres://db/ffb?user=anna&sslmode=require")
        #expect(PGAddress.withoutPassword("postgres://db/ffb?password=hemmelig") == "postgres://db/ffb")
        #expect(PGAddress.withoutPassword("postgresql://anna@/ffb?host=/run/pg") == "postgresql://anna@/ffb?host=/run/pg")
    }

    @Test func onlyPostgresURIsNameAServer() {
        #expect(PGAddress.isPostgres("postgresql://db/ffb") && PGAddress.isPostgres("POSTGRES://db/ffb") && PGAddress.isPostgres("postgresql://"))
        #expect(!PGAddress.isPostgres("ffb.sqlite") && !PGAddress.isPostgres("./postgresql:/x") && !PGAddress.isPostgres("postgresql.sqlite"))
    }

    @Test func aServerRefusalReadsAsSQLiteWordsIt() {
        let key = SQLiteError(server: PGError(kind: .uniqueViolation, message: "duplicate key value violates unique constraint \"citizens.cpr\"",
                                              sqlState: "23505", constraint: "citizens.cpr", table: "citizens"), sql: nil)
        #expect(key.message == "UNIQUE constraint failed: citizens.cpr")
        #expect(key.constraintKind == .unique)
        let appendOnly = SQLiteError(server: PGError(kind: .refusedByStore, message: "append-only: goals rows are never updated", sqlState: "FF001"), sql: nil)
        #expect(appendOnly.constraintKind == .trigger && appendOnly.message == "append-only: goals rows are never updated")
        #expect(SQLiteError(server: PGError(kind: .conflict, message: "deadlock detected", sqlState: "40P01"), sql: nil).kind == .busy)
        #expect(PGError.kind(sqlState: "28P01") == .authentication && PGError.kind(sqlState: "08006") == .connection)
    }

    @Test func aFailedConnectionIsOneLineWithoutThePassword() {
        let error = PGError(connectionFailure: "connection to server at \"h\" failed: FATAL:  password hemmelig rejected",
                            location: "postgresql://anna:***@h/ffb", address: "postgresql://anna:hemmelig@h/ffb")
        #expect(!error.message.contains("hemmelig") && error.message.contains("***"))
        #expect(error.kind == .authentication || error.kind == .connection)
    }
}
