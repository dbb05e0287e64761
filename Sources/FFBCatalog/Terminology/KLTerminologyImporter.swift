import FFBText
import FFBFiles
import Foundation

/// Builds the `kl-2024` catalogue file from KL's published FFB CodeSystem (FHIR JSON).
///
/// The CodeSystem is a tree; its top concepts say what their descendants are (themes, services,
/// levels ...). Every concept lands in exactly one kind, so every published code is reachable.
package struct KLTerminologyImporter: Sendable {
    package init() {}

    /// Top concepts of KL's tree, by code. Anything else at the top is an error: a new KL release
    /// must be looked at by a person before it becomes a catalogue.
    enum Root {
        static let socialIntervention = KLCode(unchecked: "67b4ac73-dedf-4337-ad56-476b0a55ab03")
        static let services = KLCode(unchecked: "af7624f8-affd-4a7e-8754-b1b1dd9d8def")
        static let offerTypes = KLCode(unchecked: "f708aea3-66bd-46c6-af11-7bf28942fa47")
        static let targetGroups = KLCode(unchecked: "cda90d67-f65a-4a34-b8d8-168ee9ff0949")
        static let themes = KLCode(unchecked: "b3ddc7d7-f6c1-4d47-8280-456992cbe0a6")
    }

    struct CodeSystem: Decodable {
        var resourceType: String
        var url: String
        var version: String?
        var concept: [Concept]
    }

    struct Concept: Decodable {
        var code: String
        var display: String
        /// As KL publishes it; read through `meaning`.
        var definition: String?
        var concept: [Concept]?

        /// The definition when it says more than the name. KL's file gives 21 concepts (the
        /// function and support levels among them) their own name as definition; shown as a
        /// definition that would read as if KL had explained the concept, which it has not.
        var meaning: String? {
            guard let definition, TextFolding.fold(definition.trimmingSpaces()) != TextFolding.fold(display.trimmingSpaces()) else { return nil }
            return definition
        }
    }

    package func catalogFile(fromCodeSystem data: Data) throws(CatalogError) -> CatalogFile {
        let system: CodeSystem
        do {
            system = try JSONDecoder().decode(CodeSystem.self, from: data)
        } catch let error as DecodingError {
            throw CatalogError([CatalogLoader.problem(from: error)])
        } catch {
            throw CatalogError(pointer: "", message: "not a FHIR CodeSystem")
        }
        guard system.resourceType == "CodeSystem", system.url == FFBCodeSystem.current else {
            throw CatalogError(pointer: "/url", message: "expected KL's FFB CodeSystem \(FFBCodeSystem.current), found \(system.url)")
        }

        var file = CatalogFile(
            catalogVersion: "kl-2024",
            title: "KL Fælles Faglige Begreber, terminologi \(system.version ?? "")",
            source: "\(system.url) version \(system.version ?? "?") (kl-term-CodeSystem-FFB-20240530.json)"
        )
        file.groups = []
        file.areas = []
        file.themes = []
        file.services = []
        file.offerTypes = []
        file.targetGroups = []
        file.headings = []
        var problems: [CatalogProblem] = []

        for (rootIndex, root) in system.concept.enumerated() {
            let pointer = "/concept/\(rootIndex)"
            let code = KLCode(unchecked: root.code)
            file.headings?.append(heading(root))
            switch code {
            case Root.socialIntervention:
                for (index, branch) in (root.concept ?? []).enumerated() {
                    let branchCode = KLCode(unchecked: branch.code)
                    file.headings?.append(heading(branch, parent: root.code))
                    let flat = flatten(branch.concept ?? [], parent: nil)
                    switch branchCode {
                    case Root.services: file.services = flat
                    case Root.offerTypes: file.offerTypes = flat
                    case Root.targetGroups: file.targetGroups = flat
                    default: problems.append(CatalogProblem(pointer: "\(pointer)/concept/\(index)", message: "unexpected branch \(Excerpt.quoted(branch.display)) under Social indsats"))
                    }
                }
            case Root.themes:
                for group in root.concept ?? [] {
                    file.groups?.append(.init(code: group.code, name: group.display, definition: group.meaning))
                    for area in group.concept ?? [] {
                        file.areas?.append(.init(code: area.code, name: area.display, group: group.code, definition: area.meaning))
                        for theme in area.concept ?? [] {
                            let scored = KLCode(unchecked: group.code) == ThemeGroup.activityAndParticipationCode
                            file.themes?.append(.init(code: theme.code, name: theme.display, group: group.code, area: area.code, scored: scored, definition: theme.meaning))
                        }
                    }
                }
            case FunctionLevel.parentCode:
                file.functionLevels = scale(root, at: pointer, problems: &problems) { Assessed<FunctionLevel>(klCode: $0).map { ($0.cliValue, $0.level?.rawValue ?? 5) } }
            case SupportLevel.parentCode:
                file.supportLevels = scale(root, at: pointer, problems: &problems) { Assessed<SupportLevel>(klCode: $0).map { ($0.cliValue, $0.level?.ordinal ?? 5) } }
            case GoalType.parentCode:
                file.goalTypes = scale(root, at: pointer, problems: &problems) { code in GoalType(klCode: code).map { ($0.cliValue, GoalType.allCases.firstIndex(of: $0) ?? 0) } }
            case FollowUpStatus.parentCode:
                file.followUpStatuses = scale(root, at: pointer, problems: &problems) { code in FollowUpStatus(klCode: code).map { ($0.cliValue, FollowUpStatus.allCases.firstIndex(of: $0) ?? 0) } }
            default:
                problems.append(CatalogProblem(pointer: pointer, message: "unexpected top concept \(Excerpt.quoted(root.display)) (\(Excerpt.plain(root.code)))"))
            }
        }
        if !problems.isEmpty { throw CatalogError(problems) }
        return file
    }

    private func heading(_ concept: Concept, parent: String? = nil) -> CatalogFile.Concept {
        .init(code: concept.code, name: concept.display, parent: parent, definition: concept.meaning)
    }

    private func flatten(_ concepts: [Concept], parent: String?) -> [CatalogFile.Concept] {
        concepts.flatMap { concept in
            [CatalogFile.Concept(code: concept.code, name: concept.display, parent: parent, definition: concept.meaning)]
                + flatten(concept.concept ?? [], parent: concept.code)
        }
    }

    /// Keeps a scale's values in the order of the Swift type (`rank`), whatever KL's file order is.
    private func scale(_ root: Concept, at pointer: String, problems: inout [CatalogProblem], value: (KLCode) -> (cli: String, rank: Int)?) -> [CatalogFile.Scale] {
        var ranked: [(rank: Int, value: CatalogFile.Scale)] = []
        for (index, concept) in (root.concept ?? []).enumerated() {
            guard let known = value(KLCode(unchecked: concept.code)) else {
                problems.append(CatalogProblem(pointer: "\(pointer)/concept/\(index)", message: "code \(Excerpt.plain(concept.code)) (\(Excerpt.quoted(concept.display))) is not known to ffb's \(Excerpt.plain(root.display)) type"))
                continue
            }
            ranked.append((known.rank, .init(code: concept.code, value: known.cli, name: concept.display, definition: concept.meaning)))
        }
        return ranked.sorted { $0.rank < $1.rank }.map(\.value)
    }
}
