import FFBCatalog
import FFBJSON
import Foundation

/// The rules of KL's reporting guide that a DeliveryReport must keep, checked as the gateway
/// would (see Docs/fhir/kl-reporting-1.0.0.md §8); the tests run it on KL's own example too.
struct ReportRules {
    let catalog = BuiltInCatalogs.standard
    var requireLastUpdated = true

    func violations(_ bundle: JSONValue) -> [String] {
        var problems: [String] = []
        if bundle["type"] != .string("collection") { problems.append("Bundle.type is not collection") }
        let entries = bundle["entry"]?.arrayValue ?? []
        var keys: [String: JSONValue] = [:]
        var fullUrls: Set<String> = []
        for entry in entries {
            guard let resource = entry["resource"], let type = resource["resourceType"]?.stringValue, let id = resource["id"]?.stringValue else {
                problems.append("an entry without a typed resource with an id")
                continue
            }
            if KLCode(id) == nil { problems.append("\(type)/\(id): id is not a UUID") }
            if let fullUrl = entry["fullUrl"]?.stringValue, !fullUrls.insert(fullUrl).inserted { problems.append("fullUrl \(fullUrl) twice") }
            if let fullUrl = entry["fullUrl"]?.stringValue { keys[fullUrl] = resource }
            keys["\(type)/\(id)"] = resource
            if resource["meta"]?["profile"]?.arrayValue?.isEmpty ?? true { problems.append("\(type)/\(id): no meta.profile") }
            if requireLastUpdated, resource["meta"]?["lastUpdated"] == nil { problems.append("\(type)/\(id): no meta.lastUpdated") }
        }
        func resolve(_ reference: JSONValue?) -> JSONValue? {
            reference?["reference"]?.stringValue.flatMap { keys[$0] }
        }
        func rank(_ address: JSONValue) -> Int? {
            address["extension"]?.arrayValue?.first { $0["url"] == .string("http://fhir.kl.dk/core/StructureDefinition/ConditionRank") }?["valuePositiveInt"]?.intValue
        }
        func isAD(_ condition: JSONValue?) -> Bool {
            let code = condition?["code"]?["coding"]?[0]?["code"]?.stringValue
            return code.flatMap(KLCode.init).flatMap(catalog.theme)?.scored ?? false
        }
        for entry in entries {
            guard let resource = entry["resource"], let type = resource["resourceType"]?.stringValue else { continue }
            let name = "\(type)/\(resource["id"]?.stringValue ?? "?")"
            for reference in Self.references(in: resource) where keys[reference] == nil {
                problems.append("\(name): reference \(reference) does not resolve in the bundle")
            }
            let profiles = resource["meta"]?["profile"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if profiles.contains(where: { $0.hasSuffix("kl-reporting-ffb-condition") }) {
                let scored = isAD(resource)
                if scored != (resource["severity"] != nil) { problems.append("\(name): condition-1, severity iff A&D theme") }
            }
            if type == "Goal" {
                let addresses = resource["addresses"]?.arrayValue ?? []
                if !addresses.allSatisfy({ isAD(resolve($0)) }) { problems.append("\(name): intervention-goal-1, addresses only A&D themes") }
                if addresses.filter({ rank($0) == 1 }).count != 1 { problems.append("\(name): intervention-goal-2, exactly one primary theme") }
            }
            if profiles.contains(where: { $0.hasSuffix("kl-reporting-ffb-carePlan") }) {
                let open = resource["intent"] == .string("order") && resource["status"] != .string("completed")
                let extensions = resource["extension"]?.arrayValue ?? []
                if open, !extensions.contains(where: { $0["url"]?.stringValue?.hasSuffix("follow-up-date-extension") == true }) {
                    problems.append("\(name): care-plan-1, an open order has a follow-up date")
                }
                let addresses = resource["addresses"]?.arrayValue ?? []
                if addresses.filter({ rank($0) == 1 }).count > 1 { problems.append("\(name): care-plan-2, at most one primary target group") }
                if !addresses.allSatisfy({ rank($0) != nil }) { problems.append("\(name): every target group has a ConditionRank") }
                let activities = resource["activity"]?.arrayValue ?? []
                if activities.count > 1 { problems.append("\(name): more than one support evaluation") }
                if open, activities.first?["outcomeReference"] == nil { problems.append("\(name): care-plan-4, an open order has a support evaluation") }
                if open, addresses.isEmpty { problems.append("\(name): care-plan-5, an open order has target groups") }
            }
            if profiles.contains(where: { $0.hasSuffix("kl-reporting-ffb-followUp") }),
               resource["status"] != .string("final"), resource["status"] != .string("entered-in-error") {
                problems.append("\(name): follow-up-1, status final or entered-in-error")
            }
        }
        return problems
    }

    /// Every `reference` string inside a resource.
    static func references(in value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            return object.flatMap { member -> [String] in
                if member.key == "reference", let text = member.value.stringValue { return [text] }
                return references(in: member.value)
            }
        case .array(let elements):
            return elements.flatMap(references)
        default:
            return []
        }
    }
}
