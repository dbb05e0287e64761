import CSQLite

extension Statement {
    /// SQLite must copy bound text and blobs, because the Swift buffers are
    /// only valid during the bind call. `SQLITE_TRANSIENT` is a C macro that
    /// Swift does not import.
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }

    /// Binds all parameters at once. Positional bindings must supply exactly
    /// ``parameterCount`` values; named bindings must name every parameter.
    package func bind(_ bindings: SQLiteBindings) throws(SQLiteError) {
        switch bindings {
        case .positional(let values):
            guard values.count == parameterCount else {
                throw SQLiteError(.misuse("the statement takes \(parameterCount) parameters but \(values.count) values were given"), sql: sql)
            }
            for (offset, value) in values.enumerated() {
                try bind(value, at: offset + 1)
            }
        case .named(let values):
            guard values.count == parameterCount else {
                throw SQLiteError(.misuse("the statement takes \(parameterCount) parameters but \(values.count) names were given"), sql: sql)
            }
            for (name, value) in values {
                try bind(value, named: name)
            }
        }
    }

    /// Binds a Swift value to the 1-based parameter `position`.
    package func bind(_ value: some SQLiteValueConvertible, at position: Int) throws(SQLiteError) {
        try bind(value.sqliteValue, at: position)
    }

    /// Binds a Swift value to the parameter called `name` (`":cpr"`, or `"cpr"`
    /// for `:cpr`, `@cpr` or `$cpr`).
    package func bind(_ value: some SQLiteValueConvertible, named name: String) throws(SQLiteError) {
        try bind(value.sqliteValue, named: name)
    }

    /// Binds a value to the parameter called `name`.
    package func bind(_ value: SQLiteValue, named name: String) throws(SQLiteError) {
        if server != nil { throw SQLiteError(.misuse("named parameters are not supported on PostgreSQL"), sql: sql) }
        let handle = try requireHandle()
        let candidates = name.first.map { ":@$".contains($0) } == true ? [name] : [":" + name, "@" + name, "$" + name]
        for candidate in candidates {
            let index = sqlite3_bind_parameter_index(handle, candidate)
            if index > 0 {
                try bind(value, at: Int(index))
                return
            }
        }
        throw SQLiteError(.misuse("the statement has no parameter named \(name)"), sql: sql)
    }

    /// Binds a value to the 1-based parameter `position`.
    package func bind(_ value: SQLiteValue, at position: Int) throws(SQLiteError) {
        guard position >= 1, position <= parameterCount else {
            throw SQLiteError(.misuse("parameter \(position) is out of range 1...\(parameterCount)"), sql: sql)
        }
        if let server {
            server.bind(value, at: position)
            return
        }
        let handle = try requireHandle()
        let index = Int32(position)
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, index)
        case .integer(let integer):
            code = sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            code = sqlite3_bind_double(handle, index, real)
        case .text(var text):
            code = text.withUTF8 { buffer in
                // A nil base address would bind NULL instead of the empty string.
                guard let base = buffer.baseAddress, !buffer.isEmpty else {
                    return sqlite3_bind_text(handle, index, "", 0, Self.transient)
                }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    sqlite3_bind_text64(handle, index, pointer, UInt64(buffer.count), Self.transient, UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { buffer in
                // A nil base address would bind NULL instead of the empty blob.
                guard let base = buffer.baseAddress, !buffer.isEmpty else {
                    return sqlite3_bind_zeroblob(handle, index, 0)
                }
                return sqlite3_bind_blob64(handle, index, base, UInt64(buffer.count), Self.transient)
            }
        }
        guard code == SQLITE_OK else { throw error(code: code) }
    }
}
