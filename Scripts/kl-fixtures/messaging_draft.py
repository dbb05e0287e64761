#!/usr/bin/env python3
"""Derive KL's order example as the 0.1.0 draft guide wrote it from the 1.0.0 example's JSON.

Tooling for Tests/Fixtures only. The two versions of the example differ only where
`git diff master 1.0.0 -- input/fsh/` in github:hl7dk/kl-ffb-messaging shows (draft = branch master,
05211c655c6e12922637cbe21110c5ed74c1a3b8; release = tag 1.0.0, commit af678568b9c6...):

1. Aliases.fsh: the code systems moved. Draft URLs are restored below (FFB, KL codes, and the
   guide's own code systems under the draft canonical http://ffb/messaging/kl.dk/1.0).
2. sushi-config.yaml: canonical http://fhir.kl.dk/ffbmessaging -> http://ffb/messaging/kl.dk/1.0, so
   every meta.profile, extension url and CodeSystem url of the guide's own artefacts moves with it.
3. Parents: KL Core http://fhir.kl.dk/core -> the draft's KL Common dependency
   `dk.fhir.ig.kl.common.caresocial` (canonical http://kl.dk/fhir/common/caresocial, github:hl7dk/KL-dk
   at 4fdc9dc, 2021-07-30, the commit current when the draft example was last changed on 2021-08-03).
   Its extensions (ConditionRank, FollowUpEncounter) and the purpose profile have the same ids there.
4. KLMessagingFFBOrderExample.fsh, three rules:
   - the purpose Goal is InstanceOf .../caresocial/StructureDefinition/KLCommonCareSocialPurpose (item 3);
   - the uncoded service's code system is http://ffb/messaging/kl.dk/1.0/CodeSystem/Text (item 2);
   - the Account's number is `identifier.value = "4444-88888888"`, not `identifier[accountno].value`:
     the rule names no slice, so the value goes to an unnamed identifier without the slice's fixed
     system `urn:accountno`. (SUSHI may also emit the required slice on its own as {system} without a
     value; either way the draft breaks Account.identifier:accountno, which is why 1.0.0 fixed it.)
     This fixture keeps the minimal reading: one identifier with a value and no system.

Everything else (ids, codes, texts, order of entries, the goal's target.measure that the 1.0.0
fixture adds, see Docs/fhir/kl-messaging-1.0.0.md section 10.1) is the 1.0.0 fixture unchanged.

Usage: messaging_draft.py RELEASE.json DRAFT.json
"""
import json
import sys

URLS = [
    # (1.0.0, draft) - longest first, so the guide's own code systems win over its canonical.
    ("http://fhir.kl.dk/term/CodeSystem/CareSocialCodes",
     "http://kl.dk/fhir/common/caresocial/CodeSystem/KLCommonCareSocialCodes"),
    ("urn:oid:1.2.208.176.2.22", "http://kl.dk/fhir/common/caresocial/CodeSystem/FFB"),
    ("http://fhir.kl.dk/core/StructureDefinition/", "http://kl.dk/fhir/common/caresocial/StructureDefinition/"),
    ("http://fhir.kl.dk/ffbmessaging/", "http://ffb/messaging/kl.dk/1.0/"),
]


def rewrite(value):
    if isinstance(value, dict):
        return {k: rewrite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rewrite(v) for v in value]
    if isinstance(value, str):
        for old, new in URLS:
            if value == old or value.startswith(old) and old.endswith("/"):
                return new + value[len(old):]
        return value
    return value


def main(source, target):
    bundle = rewrite(json.load(open(source, encoding="utf-8")))
    accounts = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Account"]
    if len(accounts) != 1 or accounts[0]["identifier"] != [{"system": "urn:accountno", "value": "4444-88888888"}]:
        sys.exit("messaging_draft: the 1.0.0 Account is not the one this script knows")
    accounts[0]["identifier"] = [{"value": "4444-88888888"}]
    leftovers = [u for u in ("fhir.kl.dk", "urn:oid:1.2.208.176.2.22", "urn:accountno") if u in json.dumps(bundle)]
    if leftovers:
        sys.exit("messaging_draft: 1.0.0 URLs left: " + ", ".join(leftovers))
    with open(target, "w", encoding="utf-8") as out:
        json.dump(bundle, out, ensure_ascii=False, indent=2)
        out.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
