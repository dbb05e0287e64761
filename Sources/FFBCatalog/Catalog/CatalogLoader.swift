import FFBFiles
import Foundation

/// Turns catalogue files into `Catalog`s, checking every rule a catalogue must keep and reporting
/// each broken rule with its JSON pointer.
package struct CatalogLoader: Sendable {
    /// Resolves `base` names; by default the catalogues built into the binary.
    package var baseResolver: @Sendable (String) -> Catalog?

    package init(baseResolver: @escaping @Sendable (String) -> Catalog? = { BuiltInCatalogs.catalog(version: $0) }) {
        self.baseResolver = baseResolver
    }

    /// The largest catalogue file read; KL's full catalogue is about 120 KB.
    package static let maxFileBytes = 16 << 20

    package func load(contentsOf url: URL) throws(CatalogError) -> Catalog {
        try load(Data(Self.contents(of: url)))
    }

    /// A catalogue (or KL CodeSystem) file's bytes, within `maxFileBytes`.
    package static func contents(of url: URL) throws(CatalogError) -> [UInt8] {
        do {
            return try InputFile.contents(of: url.path, limit: maxFileBytes)
        } catch {
            throw CatalogError(pointer: "", message: error.description)
        }
    }

    package func load(_ data: Data) throws(CatalogError) -> Catalog {
        try build(decode(data))
    }

    package func decode(_ data: Data) throws(CatalogError) -> CatalogFile {
        do {
            return try JSONDecoder().decode(CatalogFile.self, from: data)
        } catch let error as DecodingError {
            throw CatalogError([Self.problem(from: error)])
        } catch {
            throw CatalogError(pointer: "", message: "not a catalogue file")
        }
    }

    package func build(_ file: CatalogFile) throws(CatalogError) -> Catalog {
        var check = CatalogChecker()
        if file.format != CatalogFile.formatName {
            check.fail("/format", "expected \"\(CatalogFile.formatName)\", found \(Excerpt.quoted(file.format))")
        }
        if file.formatVersion != CatalogFile.currentFormatVersion {
            check.fail("/format_version", "version \(file.formatVersion) is not supported (this ffb reads version \(CatalogFile.currentFormatVersion))")
        }
        var base: Catalog?
        if let baseName = file.base {
            base = baseResolver(baseName)
            if base == nil { check.fail("/base", "unknown base catalogue \(Excerpt.quoted(baseName))") }
        }
        let groups = check.groups(file.groups, base: base?.groups)
        let areas = check.areas(file.areas, base: base?.areas, groups: groups)
        let themes = check.themes(file.themes, base: base?.themes, areas: areas)
        let catalog = Catalog(
            version: file.catalogVersion,
            title: file.title,
            source: file.source,
            groups: groups,
            areas: areas,
            themes: themes,
            functionLevels: check.scale(file.functionLevels, base: base?.functionLevels, key: "function_levels", parse: Assessed<FunctionLevel>.scaleValue),
            supportLevels: check.scale(file.supportLevels, base: base?.supportLevels, key: "support_levels", parse: Assessed<SupportLevel>.scaleValue),
            goalTypes: check.scale(file.goalTypes, base: base?.goalTypes, key: "goal_types", parse: GoalType.scaleValue),
            followUpStatuses: check.scale(file.followUpStatuses, base: base?.followUpStatuses, key: "follow_up_statuses", parse: FollowUpStatus.scaleValue),
            services: check.tree(file.services, base: base?.services, key: "services"),
            offerTypes: check.tree(file.offerTypes, base: base?.offerTypes, key: "offer_types"),
            targetGroups: check.tree(file.targetGroups, base: base?.targetGroups, key: "target_groups"),
            headings: check.tree(file.headings, base: base?.headings, key: "headings")
        )
        check.uniqueCodes(catalog)
        if !check.problems.isEmpty { throw CatalogError(check.problems) }
        return catalog
    }

    static func problem(from error: DecodingError) -> CatalogProblem {
        func pointer(_ path: [any CodingKey]) -> String {
            path.map { key in "/" + (key.intValue.map(String.init) ?? key.stringValue) }.joined()
        }
        switch error {
        case let .keyNotFound(key, context):
            return CatalogProblem(pointer: pointer(context.codingPath), message: "missing required field \"\(key.stringValue)\"")
        case let .typeMismatch(type, context):
            return CatalogProblem(pointer: pointer(context.codingPath), message: "expected \(describe(type))")
        case let .valueNotFound(type, context):
            return CatalogProblem(pointer: pointer(context.codingPath), message: "expected \(describe(type)), found null")
        case let .dataCorrupted(context):
            let underlying = context.underlyingError.map { " (\(($0 as NSError).userInfo[NSDebugDescriptionErrorKey] ?? $0.localizedDescription))" } ?? ""
            let message = context.codingPath.isEmpty ? "not valid JSON\(underlying)" : context.debugDescription
            return CatalogProblem(pointer: pointer(context.codingPath), message: message)
        @unknown default:
            return CatalogProblem(pointer: "", message: "not a catalogue file")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type: "an integer"
        default: "a value of another type"
        }
    }
}

extension Assessed where Level: CLIValueRepresentable {
    static func scaleValue(_ value: String) -> (code: KLCode, englishName: String)? {
        Self(text: value).map { ($0.klCode, $0.englishName) }
    }
}

extension GoalType {
    static func scaleValue(_ value: String) -> (code: KLCode, englishName: String)? {
        Self(cliValue: value).map { ($0.klCode, $0.englishName) }
    }
}

extension FollowUpStatus {
    static func scaleValue(_ value: String) -> (code: KLCode, englishName: String)? {
        Self(cliValue: value).map { ($0.klCode, $0.englishName) }
    }
}
