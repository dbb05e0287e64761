#!/usr/bin/env python3
"""Compile the FSH *instances* of KL's reporting guide (kl-ffb-reporting 1.0.0) to FHIR R4 JSON.

Tooling for Tests/Fixtures only; nothing in the product runs it. SUSHI could not be used where the
fixtures were made (no access to the FHIR package registry it needs for its dependencies), so
this is a deliberately small compiler for the constructs that file uses, following SUSHI's rules:

- `Alias:`, `RuleSet:` with parameters (`{param}` substitution), `insert RuleSet(args)`.
- `Instance:` / `InstanceOf:` / `Usage:`; `* path = value` rules, indented sub-rules (SUSHI 2
  indentation: a rule indented under another continues its path), `[+]` / `[=]` / `[n]` indices,
  named slices (extension slices become `url`, Goal.target slices keep the profile's slice order),
  `* id = "..."` (the "-v2" instances that carry a real id), `entry[=].resource = Instance`.
- Values: `"string"`, `#code`, `$alias#code "display"`, `Reference(Instance)` (-> "Type/id" of that
  instance, as SUSHI writes it), dates and dateTimes, integers.
- SUSHI's implied values: `meta.profile` = the profile's canonical for every instance of a profile.
  Every fixed value of the reporting profiles with min >= 1 is also set by the example's own rules,
  so no other implied value arises (checked: `--check` below).

Anything else (an unknown path kind, a slice it does not know) stops the script with an error,
so it cannot silently produce a wrong fixture.

Usage:
  fsh_instances.py EXAMPLE.fsh RULESETS.fsh ALIASES.fsh OUTDIR
  fsh_instances.py ... --check EXISTING.json   # compare one compiled bundle with a JSON file
"""
import json
import re
import sys

R = "http://fhir.kl.dk/ffbreporting/StructureDefinition/"
PROFILES = {
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
}

# Extension slice name -> url (from the profiles' `extension contains X named y`).
EXTENSIONS = {
    "municipalityCaseNumber": R + "kl-reporting-ffb-municipalityCaseNumber",
    "municipalitySpecific": "municipalitySpecific",  # a sub-extension of the case number: relative url
    "followUpDate": R + "kl-reporting-ffb-follow-up-date-extension",
    "basedOnServiceRequest": "http://fhir.kl.dk/core/StructureDefinition/BasedOnServiceRequest",
    "ConditionRank": "http://fhir.kl.dk/core/StructureDefinition/ConditionRank",
    "conditionRank": "http://fhir.kl.dk/core/StructureDefinition/ConditionRank",
    "conditionLastAssertedDate": "http://fhir.kl.dk/core/StructureDefinition/ConditionLastAssertedDate",
}

# Goal.target slices in the order the profile declares them (`target contains severitySlice and
# changeValueSlice`): SUSHI places named slices in that order, whatever the rule order.
TARGET_SLICES = ["severitySlice", "changeValueSlice"]

# Elements that are arrays in R4 (max > 1), by name. Enough for this file; an unknown name is
# treated as a single value, and kinds below catch the rest.
ARRAYS = {"entry", "identifier", "extension", "coding", "finding", "investigation", "item", "focus",
          "category", "target", "addresses", "basedOn", "careTeam", "activity", "outcomeReference", "type"}
NOT_ARRAYS = {("Bundle", "type"), ("managingOrganization", "identifier")}  # (parent, element)

# Which elements hold a CodeableConcept, a Coding or a code (FSH `#code` assigns differently).
CODEABLE = {"clinicalStatus", "verificationStatus", "severity", "code", "category", "valueCodeableConcept",
            "detailCodeableConcept", "measure", "type"}
CODING = {"coding", "class"}
CODE = {"status", "intent", "lifecycleStatus", "use"}

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
    out, quoted = [], False
    i = 0
    while i < len(line):
        c = line[i]
        if c == '"':
            quoted = not quoted
        if not quoted and line.startswith("//", i) and (i == 0 or line[i - 1] in " \t"):
            break
        out.append(c)
        i += 1
    return "".join(out).rstrip()


def parse(texts):
    aliases, rulesets, instances = {}, {}, {}
    for text in texts:
        current = None
        for raw in text.splitlines():
            line = strip_comment(raw)
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
                fail("cannot read line: " + raw)
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
    def __init__(self, aliases, rulesets, instances):
        self.aliases, self.rulesets, self.instances = aliases, rulesets, instances
        self.built = {}

    def type_of(self, name):
        instance = self.instances.get(name) or fail("no instance " + name)
        return PROFILES[instance["of"]][0]

    def real_id(self, name):
        for rule in expand(self.instances[name]["rules"], self.rulesets):
            if rule.startswith("id = "):
                return json.loads(rule[5:])
        return name

    def value(self, element, text):
        text = text.strip()
        m = re.match(r"Reference\(([^)]+)\)$", text)
        if m:
            target = m.group(1).strip()
            return {"reference": self.type_of(target) + "/" + self.real_id(target)}
        m = re.match(r'(\$[\w-]+)?#([\w.-]+)(?:\s+"([^"]*)")?$', text)
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
            return json.loads(text)
        if re.match(r"^\d+$", text):
            return int(text)
        if re.match(r"^\d{4}-\d{2}-\d{2}", text):
            return text
        if text in self.instances:
            return self.build(text)
        fail("cannot read value " + text)

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
                url = EXTENSIONS.get(index) or fail("unknown extension slice " + index)
                element = next((e for e in array if e.get("url") == url), None)
                if element is None:
                    element = {"url": url}
                    array.append(element)
            elif name == "target" and index in TARGET_SLICES:
                slot = TARGET_SLICES.index(index)
                while len(array) <= slot:
                    array.append({})
                element = array[slot]
            elif index == "+":
                array.append({})
                element = array[-1]
            elif index in ("=", None, "0") or (index and index.isdigit()):
                position = len(array) - 1 if index == "=" else int(index or 0)
                while len(array) <= position:
                    array.append({})
                element = array[position]
            else:
                fail("unknown slice " + str(index) + " in " + path)
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

    def build(self, name):
        if name in self.built:
            return self.built[name]
        instance = self.instances[name]
        rtype, profile = PROFILES.get(instance["of"]) or fail("unknown profile " + instance["of"])
        resource = {"resourceType": rtype, "id": name, "meta": {"profile": [profile]}}
        for rule in expand(instance["rules"], self.rulesets):
            path, _, text = rule.partition(" = ")
            if path == "id":
                resource["id"] = json.loads(text)
                continue
            self.assign(resource, rtype, path, text)
        resource = ordered(resource)
        self.built[name] = resource
        return resource


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


def main(argv):
    if len(argv) < 5:
        fail(__doc__)
    texts = [open(p, encoding="utf-8").read() for p in argv[1:4]]
    outdir = argv[4]
    aliases, rulesets, instances = parse(texts)
    compiler = Compiler(aliases, rulesets, instances)
    reports = [n for n, i in instances.items() if i["of"] == "KLReportingFFBDeliveryReport"]
    check = argv[argv.index("--check") + 1] if "--check" in argv else None
    for name in reports:
        bundle = compiler.build(name)
        if check:
            expected = json.load(open(check, encoding="utf-8"))
            if expected.get("id") == name:
                if expected != bundle:
                    fail("the compiled " + name + " differs from " + check)
                print("identical to " + check + ": " + name)
            continue
        path = "%s/DeliveryReport-%s.json" % (outdir, name)
        with open(path, "w", encoding="utf-8") as out:
            json.dump(bundle, out, ensure_ascii=False, indent=2)
            out.write("\n")
        print("%s: %d entries" % (path, len(bundle["entry"])))


if __name__ == "__main__":
    main(sys.argv)
