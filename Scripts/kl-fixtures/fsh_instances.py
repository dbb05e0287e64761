#!/usr/bin/env python3
"""Compile the FSH *instances* of KL's FFB guides to FHIR R4 JSON bundles.

Tooling for Tests/Fixtures only; nothing in the product runs it. SUSHI could not be used where the
fixtures were made (it needs the FHIR package registry for the guides' dependencies), so this is
a deliberately small compiler for the constructs KL's example files use, following SUSHI's rules:

- `Alias:`, `RuleSet:` with parameters (`{param}` substitution), `insert RuleSet(args)`.
- `Instance:` / `InstanceOf:` / `Usage:`; `* path = value` rules, indented sub-rules (SUSHI 2
  indentation: a rule indented under another continues its path), `[+]` / `[=]` / `[n]` indices,
  named slices (extension slices become their `url`; other named slices are one element each),
  `* id = "..."` (the "-v2" instances that carry a real id), `entry[=].resource = Instance`,
  strings over several lines.
- Values: `"string"`, `#code`, `$alias#code "display"`, `Reference(Instance)` (-> "Type/id" of that
  instance, as SUSHI writes it), dates and dateTimes, integers.
- SUSHI's implied values: `meta.profile` = the profile's canonical for every instance of a profile
  (none for an instance of a base resource), and each guide's fixed values with min >= 1 that the
  rules leave out (the `implied` table of each guide below, with the FSH line it comes from).

Anything else (an unknown path kind, a slice it does not know) stops the script with an error,
so it cannot silently produce a wrong bundle.

Usage:
  fsh_instances.py reporting EXAMPLE.fsh RULESETS.fsh ALIASES.fsh OUTDIR   # writes DeliveryReport-<id>.json
  fsh_instances.py messaging EXAMPLE.fsh ALIASES.fsh --check FIXTURE.json  # compares with a fixture
  fsh_instances.py messaging-draft EXAMPLE.fsh ALIASES.fsh --check FIXTURE.json
"""
import json
import re
import sys

R = "http://fhir.kl.dk/ffbreporting/StructureDefinition/"
M = "http://fhir.kl.dk/ffbmessaging/StructureDefinition/"
CORE = "http://fhir.kl.dk/core/StructureDefinition/"
CSC = "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes"

GUIDES = {
    # github:hl7dk/kl-ffb-reporting 1.0.0, input/fsh/KLReportingFFB*.fsh
    "reporting": {
        "profiles": {
            "KLReportingFFBDeliveryReport": ("Bundle", R + "kl-reporting-ffb-deliveryReport"),
            "KLReportingFFBCitizen": ("Patient", R + "kl-reporting-ffb-citizen"),
            "KLReportingFFBServiceRequest": ("ServiceRequest", R + "kl-reporting-ffb-serviceRequest"),
            "KLReportingFFBCondition": ("Condition", R + "kl-reporting-ffb-condition"),
            "KLReportingFFBTargetGroup": ("Condition", R + "kl-reporting-ffb-targetGroup"),
            "KLReportingFFBInformationGathering": ("ClinicalImpression", R + "kl-reporting-ffb-informationGathering"),
            "KLReportingFFBInterventionGoal": ("Goal", R + "kl-reporting-ffb-interventionGoal"),
            "KLReportingFFBCareEvaluation": ("Observation", R + "kl-reporting-ffb-careEvaluation"),
            "KLReportingFFBFollowUp": ("Observation", R + "kl-reporting-ffb-followUp"),
            "KLReportingFFBCarePlan": ("CarePlan", R + "kl-reporting-ffb-carePlan"),
            "KLReportingFFBIntervention": ("CarePlan", R + "kl-reporting-ffb-intervention"),
            "KLReportingFFBServicePerformer": ("CareTeam", R + "kl-reporting-ffb-servicePerformer"),
            "KLReportingFFBFollowUpEncounter": ("Encounter", R + "kl-reporting-ffb-followUpEncounter"),
        },
        # Extension slice name -> url (the profiles' `extension contains X named y`).
        "extensions": {
            "municipalityCaseNumber": R + "kl-reporting-ffb-municipalityCaseNumber",
            "municipalitySpecific": "municipalitySpecific",  # a sub-extension of the case number: relative url
            "followUpDate": R + "kl-reporting-ffb-follow-up-date-extension",
            "basedOnServiceRequest": CORE + "BasedOnServiceRequest",
            "ConditionRank": CORE + "ConditionRank",
            "conditionLastAssertedDate": CORE + "ConditionLastAssertedDate",
        },
        # Every fixed value with min >= 1 in the reporting profiles is also set by the example's rules.
        "implied": {},
    },
    # github:hl7dk/kl-ffb-messaging tag 1.0.0, input/fsh/*.fsh; KL Core = github:hl7dk/KL-dk 1.2.0
    "messaging": {
        "profiles": {
            "KLMessagingFFBOrderMessage": ("Bundle", M + "kl-messaging-ffb-orderMessage"),
            "KLMessagingFFBOrderMessageHeader": ("MessageHeader", M + "kl-messaging-ffb-orderMessageHeader"),
            "KLMessagingFFBOrganization": ("Organization", M + "kl-messaging-ffb-messagingOrganization"),
            "KLMessagingFFBOrderCarePlan": ("CarePlan", M + "kl-messaging-ffb-orderCarePlan"),
            "KLMessagingFFBInformationGathering": ("ClinicalImpression", M + "kl-messaging-ffb-informationGathering"),
            "KLMessagingFFBCitizenObjective": ("Goal", M + "kl-messaging-ffb-citizenObjective"),
            CORE + "KLCommonCareSocialPurpose": ("Goal", CORE + "KLCommonCareSocialPurpose"),
            "KLMessagingFFBInterventionGoal": ("Goal", M + "kl-messaging-ffb-interventionGoal"),
            "KLMessagingFFBTargetGroup": ("Condition", M + "kl-messaging-ffb-targetGroup"),
            "KLMessagingFFBDiagnosis": ("Condition", M + "kl-messaging-ffb-disgnosis"),
            "KLMessagingFFBCondition": ("Condition", M + "kl-messaging-ffb-condition"),
            "KLMessagingFFBFollowUp": ("Encounter", M + "kl-messaging-ffb-followUp"),
            "KLMessagingFFBRelatedCarePlan": ("CarePlan", M + "kl-messaging-ffb-relatedCarePlan"),
            "KLMessagingFFBEvaluation": ("Observation", M + "kl-messaging-ffb-evaluation"),
            "KLMessagingFFBIntervention": ("CarePlan", M + "kl-messaging-ffb-intervention"),
            "KLMessagingFFBServicePerformer": ("CareTeam", M + "kl-messaging-ffb-servicePerformer"),
            "KLMessagingFFBParticipatingOrganization": ("Organization", M + "kl-messaging-ffb-participatingOrganization"),
            "KLMessagingFFBRelatedPerson": ("RelatedPerson", M + "kl-messaging-ffb-relatedPerson"),
            "KLMessagingFFBGuardian": ("RelatedPerson", M + "kl-messaging-ffb-guardian"),
            "KLMessagingFFBConsent": ("Consent", M + "kl-messaging-ffb-consent"),
            "KLMessagingFFBCitizen": ("Patient", M + "kl-messaging-ffb-citizen"),
            "KLMessagingFFBAccount": ("Account", M + "kl-messaging-ffb-account"),
            "KLMessagingFFBAccountOwner": ("Organization", M + "kl-messaging-ffb-accountOwner"),
            "KLMessagingFFBDocumentReference": ("DocumentReference", M + "kl-messaging-ffb-documentReference"),
            "CarePlan": ("CarePlan", None),
            "CareTeam": ("CareTeam", None),
            "Organization": ("Organization", None),
        },
        "extensions": {
            "subjectActingMunicipality": M + "kl-messaging-ffb-actingMunicipality",
            "guardianshipForm": M + "kl-messaging-ffb-guardianshipForm",
            "description": M + "kl-messaging-ffb-participationDescription",
            "ConditionRank": CORE + "ConditionRank",
            "followUpEncounter": CORE + "FollowUpEncounter",
        },
        # Fixed values with min >= 1 the example's rules leave out, which SUSHI fills in.
        "implied": {
            "KLMessagingFFBOrderMessageHeader": [("eventCoding", "$messageEvent#ffb-order")],  # KLMessagingFFBOrder.fsh:26-27
            "KLMessagingFFBAccount": [("status", "#active"),  # KLMessagingFFBAccount.fsh:7, Account.status 1..1
                                      ("identifier[accountno].system", '"urn:accountno"')],  # :14-15
            "KLMessagingFFBDocumentReference": [("status", "#current")],  # KLMessagingFFBDocumentReference.fsh:7
            "KLMessagingFFBFollowUp": [("type", '$KLCommon#9f03dfbb-7a97-45a5-94db-d4c3501714a9 "opfølgning"')],  # KLMessagingFFBCitizenData.fsh:75-76
            "KLMessagingFFBCitizenObjective": [("category", "$KLCommon#416fe27d-3ccf-4390-8742-8b52a9d8dc78")],  # :8, KL Core Goal category 1..1
            CORE + "KLCommonCareSocialPurpose": [("category", "$KLCommon#424827b1-23aa-4848-962b-56ee47def560")],  # KL Core KLCommonCareSocialGoal.fsh:56
            "KLMessagingFFBInterventionGoal": [("category", '$KLCommon#0bb3daef-538d-45dc-b444-abdbcb63f6bc "FFB indsatsmål"')],  # KL Core :62
        },
    },
}


def draft(guide):
    """The 0.1.0 draft of the messaging guide: the same profiles under the draft canonical
    (http://ffb/messaging/kl.dk/1.0) and KL Common's (http://kl.dk/fhir/common/caresocial, github:hl7dk/KL-dk
    at 4fdc9dc), whose fixed values are the same codes. One difference in what SUSHI implies: the
    draft's Account rule names no slice (`identifier.value`), so the required `accountno` slice is
    not filled in here (see Tests/Fixtures/fhir/kl-messaging-0.1.0-draft/PROVENANCE.md)."""
    def moved(text):
        return (text.replace(M, "http://ffb/messaging/kl.dk/1.0/StructureDefinition/")
                .replace(CORE, "http://kl.dk/fhir/common/caresocial/StructureDefinition/")) if text else text
    implied = {moved(k): v for k, v in guide["implied"].items()}
    implied[moved("KLMessagingFFBAccount")] = [("status", "#active")]
    return {"profiles": {moved(k): (t, moved(u)) for k, (t, u) in guide["profiles"].items()},
            "extensions": {k: moved(u) for k, u in guide["extensions"].items()},
            "implied": implied}


GUIDES["messaging-draft"] = draft(GUIDES["messaging"])

# Goal.target slices in the order KL's profiles declare them (`target contains severitySlice and
# changeValueSlice`); see the PROVENANCE files on why this order is not settled.
TARGET_SLICES = ["severitySlice", "changeValueSlice"]

# Elements that are arrays in R4 (max > 1), by name, and the exceptions by parent.
ARRAYS = {"entry", "identifier", "extension", "coding", "finding", "investigation", "item", "focus",
          "category", "target", "addresses", "basedOn", "careTeam", "activity", "outcomeReference", "type",
          "name", "given", "prefix", "line", "telecom", "contact", "address", "relationship", "role",
          "participant", "performer", "content", "destination", "goal", "supportingInfo"}
NOT_ARRAYS = {("Bundle", "type"), ("managingOrganization", "identifier"), ("Organization", "name"),
              ("contact", "name"), ("CareTeam", "name")}

# Which elements hold a CodeableConcept, a Coding or a code (FSH `#code` assigns differently).
CODEABLE = {"clinicalStatus", "verificationStatus", "severity", "code", "category", "valueCodeableConcept",
            "detailCodeableConcept", "measure", "type", "relationship", "role", "scope", "policyRule"}
CODING = {"coding", "class", "eventCoding", "valueCoding"}
CODE = {"status", "intent", "lifecycleStatus", "use", "system", "contentType", "periodUnit"}

# R4 element order, so the JSON reads like SUSHI's (keys are compared as objects anyway).
ORDER = ["resourceType", "id", "meta", "profile", "url", "extension", "fullUrl", "resource", "use", "identifier",
         "basedOn", "status", "intent", "lifecycleStatus", "class", "type", "system", "timestamp", "entry",
         "category", "clinicalStatus", "verificationStatus", "severity", "code", "description", "value", "display",
         "subject", "focus", "encounter", "effectiveDateTime", "period", "start", "end", "created",
         "recordedDate", "target", "measure", "detailCodeableConcept", "careTeam", "addresses", "investigation",
         "item", "finding", "itemReference", "activity", "outcomeReference", "detail", "valueCodeableConcept",
         "valuePositiveInt", "valueDateTime", "valueReference", "valueIdentifier", "reference",
         "managingOrganization", "coding"]
DETAIL_ORDER = [k for k in ORDER if k != "status"]
DETAIL_ORDER.insert(DETAIL_ORDER.index("code") + 1, "status")


def fail(message):
    sys.exit("fsh_instances: " + message)


def strip_comment(line):
    """The line without a `//` comment; `//` inside a string or a URL is kept."""
    out, quoted = [], False
    for i, c in enumerate(line):
        if c == '"':
            quoted = not quoted
        if not quoted and line.startswith("//", i) and (i == 0 or line[i - 1] in " \t"):
            break
        out.append(c)
    return "".join(out).rstrip()


def logical_lines(text):
    """Lines, with a string that runs over several lines joined into one (newlines kept as \\n)."""
    pending = None
    for raw in text.splitlines():
        if pending is not None:
            pending += "\\n" + raw
            if raw.count('"') % 2 == 1:
                yield pending
                pending = None
            continue
        line = strip_comment(raw)
        if line.count('"') % 2 == 1:
            pending = raw.rstrip()
            continue
        yield line


def parse(texts):
    aliases, rulesets, instances = {}, {}, {}
    for text in texts:
        current = None
        for line in logical_lines(text):
            if not line.strip():
                continue
            if line.startswith("Alias:"):
                name, value = line[6:].split("=", 1)
                aliases[name.strip()] = value.strip()
            elif line.startswith("RuleSet:"):
                m = re.match(r"RuleSet:\s*(\w+)\s*\(([^)]*)\)", line)
                current = {"params": [p.strip() for p in m.group(2).split(",")], "rules": []}
                rulesets[m.group(1)] = current
            elif line.startswith("Instance:"):
                name = line[9:].strip()
                current = {"name": name, "of": None, "usage": None, "rules": []}
                instances[name] = current
            elif line.startswith("InstanceOf:"):
                current["of"] = line[11:].strip()
            elif line.startswith("Usage:"):
                current["usage"] = line[6:].strip()
            elif re.match(r"(Title|Description):", line):
                continue
            elif line.lstrip().startswith("*"):
                current["rules"].append(line)
            else:
                fail("cannot read line: " + line)
    return aliases, rulesets, instances


def expand(rules, rulesets):
    """Indented rules get their parent's path; `insert` rules are replaced by their rule set."""
    out, stack = [], []  # stack of (indent, path)
    for line in rules:
        indent = len(line) - len(line.lstrip())
        body = line.strip()[1:].strip()
        m = re.match(r"insert\s+(\w+)\s*\((.*)\)$", body)
        if m:
            ruleset = rulesets[m.group(1)]
            args = [a.strip() for a in m.group(2).split(",")]
            for rule in ruleset["rules"]:
                for param, arg in zip(ruleset["params"], args):
                    rule = rule.replace("{" + param + "}", arg)
                out.append(rule.strip()[1:].strip())
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path, _, value = body.partition(" = ")
        path = path.strip()
        full = (stack[-1][1] + "." + path) if stack else path
        if value:
            out.append(full + " = " + value.strip())
        stack.append((indent, full))
    return out


def split_path(path):
    parts = []
    for piece in re.findall(r"[^.\[]+(?:\[[^\]]*\])?", path):
        m = re.match(r"([^\[]+)(?:\[([^\]]*)\])?$", piece)
        parts.append((m.group(1), m.group(2)))
    return parts


class Compiler:
    def __init__(self, guide, aliases, rulesets, instances):
        self.guide = GUIDES[guide]
        self.aliases, self.rulesets, self.instances = aliases, rulesets, instances
        self.built = {}
        self.slice_of = {}  # id(array element) -> slice name

    def profile(self, name):
        instance = self.instances.get(name) or fail("no instance " + name)
        return self.guide["profiles"].get(instance["of"]) or fail("unknown profile " + instance["of"])

    def real_id(self, name):
        for rule in expand(self.instances[name]["rules"], self.rulesets):
            if rule.startswith("id = "):
                return json.loads(rule[5:])
        return name

    def value(self, element, text):
        text = text.strip()
        if text in self.instances:
            return self.build(text)
        m = re.match(r"Reference\(([^)]+)\)$", text)
        if m:
            target = m.group(1).strip()
            return {"reference": self.profile(target)[0] + "/" + self.real_id(target)}
        m = re.match(r'(\$[\w-]+)?#([\w./-]+)(?:\s+"([^"]*)")?$', text)
        if m:
            coding = {}
            if m.group(1):
                coding["system"] = self.aliases.get(m.group(1)) or fail("no alias " + m.group(1))
            coding["code"] = m.group(2)
            if m.group(3) is not None:
                coding["display"] = m.group(3)
            if element in CODE or element == "type" and "system" not in coding:
                return coding["code"]
            if element in CODING:
                return coding
            if element in CODEABLE:
                return {"coding": [coding]}
            fail("a code assigned to " + element)
        if text.startswith('"'):
            return json.loads(text, strict=False)
        if re.match(r"^\d+$", text):
            return int(text)
        if re.match(r"^\d{4}-\d{2}-\d{2}", text):
            return text
        fail("cannot read value " + text)

    def element(self, array, index, path):
        """The array element `index` names: a position, `+`, `=`, or a slice name."""
        if index == "+":
            array.append({})
            return array[-1]
        if index in ("=", None) or index.isdigit():
            position = len(array) - 1 if index == "=" else int(index or 0)
            while len(array) <= position:
                array.append({})
            return array[position]
        found = next((e for e in array if self.slice_of.get(id(e)) == index), None)
        if found is None:
            found = {}
            if index in TARGET_SLICES:  # keep the profile's slice order
                position = sum(1 for e in array if TARGET_SLICES.index(self.slice_of.get(id(e), index)) < TARGET_SLICES.index(index))
                array.insert(position, found)
            else:
                array.append(found)
            self.slice_of[id(found)] = index
        return found

    def assign(self, resource, rtype, path, text):
        parts = split_path(path)
        node = resource
        for i, (name, index) in enumerate(parts):
            last = i == len(parts) - 1
            parent = parts[i - 1][0] if i else rtype
            is_array = name in ARRAYS and (parent, name) not in NOT_ARRAYS
            if not is_array:
                if index is not None:
                    fail("index on a single element: " + path)
                if last:
                    node[name] = self.value(name, text)
                else:
                    node = node.setdefault(name, {})
                continue
            array = node.setdefault(name, [])
            if name == "extension" and index is not None and not index.isdigit() and index not in "+=":
                url = self.guide["extensions"].get(index) or fail("unknown extension slice " + index)
                element = next((e for e in array if e.get("url") == url), None)
                if element is None:
                    element = {"url": url}
                    array.append(element)
            else:
                element = self.element(array, index, path)
            if last:
                value = self.value(name, text)
                position = array.index(element)
                if isinstance(value, dict):
                    element.update(value)
                else:
                    array[position] = value
            else:
                node = element
        return resource

    @staticmethod
    def has(resource, path):
        nodes = [resource]
        for name, _ in split_path(path):
            nodes = [n[name] for n in nodes if isinstance(n, dict) and name in n]
            nodes = [e for n in nodes for e in (n if isinstance(n, list) else [n])]
        return bool(nodes)

    def build(self, name):
        if name in self.built:
            return self.built[name]
        instance = self.instances[name]
        rtype, profile = self.profile(name)
        resource = {"resourceType": rtype, "id": name}
        if profile:
            resource["meta"] = {"profile": [profile]}
        for rule in expand(instance["rules"], self.rulesets):
            path, _, text = rule.partition(" = ")
            if path == "id":
                resource["id"] = json.loads(text)
                continue
            self.assign(resource, rtype, path, text)
        for path, text in self.guide["implied"].get(instance["of"], []):
            present = self.has_leaf(resource, path) if "[" in path else self.has(resource, path)
            if not present:
                self.assign(resource, rtype, path, text)
        self.built[name] = resource
        return resource

    def has_leaf(self, resource, path):
        """Whether a named slice's element already has the implied child (e.g. identifier[accountno].system)."""
        parts = split_path(path)
        array = resource.get(parts[0][0], [])
        element = next((e for e in array if self.slice_of.get(id(e)) == parts[0][1]), None)
        return element is not None and parts[-1][0] in element


def ordered(value, parent=None):
    if isinstance(value, dict):
        unknown = [k for k in value if k not in ORDER]
        if unknown:
            fail("no element order for " + ", ".join(unknown))
        # CarePlan.activity.detail is the one place where code comes before status.
        order = DETAIL_ORDER if parent == "detail" else ORDER
        return {k: ordered(value[k], k) for k in sorted(value, key=order.index)}
    if isinstance(value, list):
        return [ordered(v, parent) for v in value]
    return value


def differences(expected, actual, path=""):
    """Where two JSON values differ, as JSON pointers."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in list(expected) + [k for k in actual if k not in expected]:
            if key not in actual or key not in expected:
                out.append("%s/%s only in %s" % (path, key, "the fixture" if key in expected else "the compiled bundle"))
            else:
                out += differences(expected[key], actual[key], path + "/" + key)
        return out
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [d for i, (e, a) in enumerate(zip(expected, actual)) for d in differences(e, a, "%s/%d" % (path, i))]
    return [] if expected == actual else ["%s: fixture %s, compiled %s" % (path, json.dumps(expected, ensure_ascii=False)[:120],
                                                                            json.dumps(actual, ensure_ascii=False)[:120])]


def main(argv):
    if len(argv) < 4 or argv[1] not in GUIDES:
        fail(__doc__)
    guide = argv[1]
    check = argv[argv.index("--check") + 1] if "--check" in argv else None
    files = [a for a in argv[2:] if a.endswith(".fsh")]
    aliases, rulesets, instances = parse([open(p, encoding="utf-8").read() for p in files])
    compiler = Compiler(guide, aliases, rulesets, instances)
    bundles = [n for n, i in instances.items() if compiler.guide["profiles"].get(i["of"], ("",))[0] == "Bundle"]
    for name in bundles:
        bundle = compiler.build(name)
        if check:
            expected = json.load(open(check, encoding="utf-8"))
            if expected.get("id", name) == name or guide.startswith("messaging"):
                found = differences(expected, bundle)
                print("%s against %s: %s" % (name, check, "identical" if not found else "%d differences" % len(found)))
                for line in found:
                    print("  " + line)
            continue
        outdir = argv[-1]
        path = "%s/DeliveryReport-%s.json" % (outdir, name)
        with open(path, "w", encoding="utf-8") as out:
            json.dump(ordered(bundle), out, ensure_ascii=False, indent=2)
            out.write("\n")
        print("%s: %d entries" % (path, len(bundle["entry"])))


if __name__ == "__main__":
    main(sys.argv)
