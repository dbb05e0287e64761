import CSQLite
public let sqliteVersion = String(cString: sqlite3_libversion())
