import Foundation
import Testing

/// A caseworker records a whole VUM case from the terminal, through the real binary.
@Suite struct CaseworkerFlowTests {
    let directory: TemporaryDirectory
    let db: String
    /// Every output of this suite's commands, for the CPR scan (command name → stdout + stderr).
    let transcript = Transcript()

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.file("case.sqlite").path
    }

    final class Transcript {
        var outputs: [(command: String, text: String)] = []
    }

    @discardableResult
    func ffb(_ arguments: String..., stdin: String? = nil) throws -> FFBProcess.Result {
        let result = try FFBProcess.run(arguments + ["--db", db], stdin: stdin, environment: ["USER": "sagsbehandler-anna"])
        transcript.outputs.append((arguments.prefix(2).joined(separator: " "), result.stdout + result.stderr))
        return result
    }

    func ok(_ arguments: String...) throws -> String {
        let result = try FFBProcess.run(arguments + ["--db", db], environment: ["USER": "sagsbehandler-anna"])
        transcript.outputs.append((arguments.prefix(2).joined(separator: " "), result.stdout + result.stderr))
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func dump() throws -> String {
        try StoreShell.dump(db)
    }

    struct Case {
        var citizen: String
        var order: String
        var goals: [String]
    }

    func recordCase() throws -> Case {
        let citizen = try ok("citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen")
        #expect(citizen.hasPrefix("P-"))
        _ = try ok("case", "open", "--citizen", citizen, "--case-number", "S-2025-001", "--opened", "2025-01-10", "--municipality", "Aarhus", "--municipality-code", "0751")
        _ = try ok("assess", "--citizen", citizen, "--case", "S-2025-001", "--date", "2025-02-01", "--assessor", "Anna",
                   "--theme", "Købe ind=3", "--theme", "Lave mad=2", "--theme", "Gøre rent=ikke-vurderet",
                   "--note", "Tobak=Ryger dagligt", "--source", "borger")
        let order = try ok("order", "create", "--citizen", citizen, "--case", "S-2025-001",
                           "--service", "Støtte til praktiske opgaver", "--offer-type", "Mobilt tilbud",
                           "--target-group", "Psykisk funktionsnedsættelse", "--primary-target-group", "Angst",
                           "--provider-name", "Bostøtten Øst", "--provider-id", "SOR-123456", "--support-level", "C",
                           "--issued", "2025-02-15", "--start", "2025-03-01", "--follow-up", "2025-09-01")
        let shopping = try ok("goal", "add", "--order", order, "--theme", "Købe ind", "--type", "udvikle", "--expected", "1",
                              "--description", "Handler selv ind en gang om ugen", "--follow-up", "2025-09-01")
        let cooking = try ok("goal", "add", "--order", String(order.prefix(8)), "--theme", "Lave mad", "--secondary-theme", "Købe ind",
                             "--type", "fastholde", "--expected", "2", "--description", "Laver aftensmad med støtte")
        let revised = try ok("goal", "revise", "--goal", shopping, "--expected", "2", "--description", "Handler selv ind med følge")
        _ = try ok("followup", "record", "--order", order, "--date", "2025-09-01", "--theme", "Købe ind=2", "--support-level", "B",
                   "--goal-note", "\(revised)=Godt på vej", "--status", "continue")
        _ = try ok("followup", "record", "--order", order, "--date", "2026-03-01", "--theme", "Købe ind=1", "--theme", "Lave mad=2",
                   "--support-level", "B", "--goal-note", "\(cooking)=Fastholdt", "--status", "end")
        return Case(citizen: citizen, order: order, goals: [shopping, cooking, revised])
    }

    @Test func aWholeCaseFromTheCommandLine() throws {
        let recorded = try recordCase()

        let history = try ok("history", "--citizen", recorded.citizen, "--format", "json")
        let object = try #require(try FFBProcess.json(history) as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.map { $0["kind"] as? String } == ["case", "assessment", "order", "goal", "goal", "follow-up", "follow-up", "goal v2"])
        let ids = events.compactMap { $0["id"] as? String }
        for goal in recorded.goals { #expect(ids.contains(goal), "history lacks goal version \(goal)") }
        let first = try #require(events.first { $0["id"] as? String == recorded.goals[0] })
        #expect(first["superseded_by"] as? String == recorded.goals[2])
        #expect(events.allSatisfy { $0["recorded_by"] as? String == "sagsbehandler-anna" })
        let assessment = try #require(events.first { $0["kind"] as? String == "assessment" })
        #expect((assessment["details"] as? [String])?.contains("Gøre rent: ikke vurderet [borger]") == true)

        let list = try ok("list", "orders", "--format", "json")
        let orders = try #require(try FFBProcess.json(list) as? [[String: Any]])
        #expect(orders.count == 1)
        let order = try #require(orders.first)
        #expect(order["id"] as? String == recorded.order)
        #expect(order["citizen"] as? String == recorded.citizen)
        #expect(order["provider"] as? String == "Bostøtten Øst")
        #expect(order["issued"] as? String == "2025-02-15")
        #expect(order["goals"] as? Int == 2)
        #expect(order["themes"] as? [String] == [
            "01770afa-cd17-41fe-a966-b8895e4d55d8", // Købe ind (goal)
            "b947f321-7cdb-4b33-9653-f3ff800572b0", // Lave mad (goal)
            "8f32c948-41c4-49d7-8913-cdeede2e7fe1", // Gøre rent (assessment)
            "f5b8e809-7689-4952-838c-a069c99408b3", // Tobak (assessment)
        ])

        // One order on its own, by an id prefix: its current goals (the revised version) and follow-ups.
        let shown = try #require(try FFBProcess.json(try ok("order", "show", String(recorded.order.prefix(8)), "--format", "json")) as? [String: Any])
        #expect(shown["id"] as? String == recorded.order)
        #expect(shown["case"] as? String == "S-2025-001")
        #expect(shown["goals"] as? Int == 2)
        #expect((shown["goal_list"] as? [[String: Any]])?.map { $0["id"] as? String } == [recorded.goals[2], recorded.goals[1]])
        #expect((shown["goal_list"] as? [[String: Any]])?.first?["expected_level"] as? Int == 2)
        #expect((shown["follow_ups"] as? [[String: Any]])?.map { $0["date"] as? String } == ["2025-09-01", "2026-03-01"])
        #expect((shown["follow_ups"] as? [[String: Any]])?.map { $0["status"] as? String } == ["continue", "end"])
        let text = try ok("order", "show", recorded.order)
        #expect(text.contains("  udfører               Bostøtten Øst (SOR-123456)"))
        #expect(text.contains("  målgruppe             Angst (primær)"))
        let english = try FFBProcess.run(["order", "show", recorded.order, "--db", db, "--lang", "en"]).stdout
        #expect(english.contains("  provider              Bostøtten Øst (SOR-123456)"))
        #expect(english.contains("  target group          Angst (primary)"))
        #expect(!english.contains("udfører") && !english.contains("målgruppe"), "one language per view")
        #expect(text.contains("\"Handler selv ind med følge\""))
        #expect(!text.contains("Handler selv ind en gang om ugen"), "a superseded goal version is not the order's goal")
        #expect(try ffb("order", "show", "00000000").status == 1)

        if !StoreBackend.onServer {
            let mode = try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }

        // CPR numbers appear only in the caseworker's own views.
        _ = try ok("citizen", "show", recorded.citizen)
        _ = try ok("citizen", "list")
        _ = try ok("list", "orders")
        let cprPattern = try NSRegularExpression(pattern: #"\b\d{6}-?\d{4}\b"#)
        for (command, text) in transcript.outputs where !["citizen show", "history --citizen"].contains(command) {
            let range = NSRange(text.startIndex..., in: text)
            #expect(cprPattern.firstMatch(in: text, range: range) == nil, "\(command) printed a CPR-shaped number")
        }
        #expect(transcript.outputs.contains { $0.command == "citizen show" && $0.text.contains("010190-1234") })
    }

    @Test func markingEnteredInErrorKeepsTheRecordInHistory() throws {
        let recorded = try recordCase()
        _ = try ok("mark-error", "--kind", "goal", "--id", recorded.goals[1], "--reason", "Forkert tema")
        let list = try #require(try FFBProcess.json(try ok("list", "orders", "--format", "json")) as? [[String: Any]])
        #expect(list.first?["goals"] as? Int == 1)
        let history = try #require(try FFBProcess.json(try ok("history", "--citizen", recorded.citizen, "--format", "json")) as? [String: Any])
        let events = try #require(history["events"] as? [[String: Any]])
        let marked = try #require(events.first { $0["id"] as? String == recorded.goals[1] })
        #expect(marked["entered_in_error"] as? String == "Forkert tema")
    }

    @Test func badInputGivesOneLineExitOneAndLeavesTheStoreUnchanged() throws {
        let recorded = try recordCase()
        let before = try dump()
        let cases: [(arguments: [String], message: String)] = [
            (["citizen", "add", "--cpr", "310290-1234", "--name", "X"], "--cpr: not a CPR number (its first six digits are not a calendar date)"),
            (["citizen", "add", "--cpr", "12345", "--name", "X"], "--cpr: not a CPR number (expected ddmmyy-nnnn or ten digits)"),
            (["citizen", "add", "--cpr", "010190-1234", "--name", "Dublet"], "a citizen with this CPR number is already registered as \(recorded.citizen)"),
            (["assess", "--citizen", recorded.citizen, "--date", "2025-05-01", "--theme", "Flyve=2"], "--theme: unknown theme \"Flyve\""),
            (["assess", "--citizen", recorded.citizen, "--date", "2025-05-01", "--theme", "Tobak=2"], "theme \"Tobak\" takes no level: only Aktivitet og deltagelse themes are scored"),
            (["assess", "--citizen", recorded.citizen, "--date", "2025-05-01", "--theme", "Købe ind=5"], "--theme: \"5\" is not a function level (0–4 or ikke-vurderet)"),
            (["assess", "--citizen", "P-ZZZZZZZZ", "--date", "2025-05-01", "--theme", "Købe ind=2"], "unknown citizen P-ZZZZZZZZ"),
            (["goal", "add", "--order", recorded.order, "--theme", "Tobak", "--type", "udvikle", "--expected", "1", "--description", "Stop"],
             "a goal's primary theme must be an Aktivitet og deltagelse theme; \"Tobak\" takes no level"),
            (["followup", "record", "--order", recorded.order, "--date", "2025-02-20", "--theme", "Købe ind=2", "--status", "continue"],
             "follow-up date 2025-02-20 is before the order starts (2025-03-01)"),
            (["case", "open", "--citizen", "110190-1234", "--case-number", "S-9", "--opened", "2025-01-01", "--municipality", "Aarhus", "--municipality-code", "0751"],
             "no citizen with this CPR number"),
            (["order", "create", "--citizen", recorded.citizen, "--case", "S-2025-001", "--service", "Støtte til praktiske opgaver",
              "--provider-name", "X", "--provider-id", "1", "--support-level", "F", "--start", "2025-03-01"], "--support-level: \"F\" is not a support level (A–E or ikke-vurderet)"),
        ]
        for (arguments, message) in cases {
            let result = try ffb(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.errorLines == ["ffb: \(message)"], "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(try dump() == before, "\(arguments) changed the store")
        }
    }

    @discardableResult
    func ffb(_ arguments: [String]) throws -> FFBProcess.Result {
        let result = try FFBProcess.run(arguments + ["--db", db], environment: ["USER": "sagsbehandler-anna"])
        transcript.outputs.append((arguments.prefix(2).joined(separator: " "), result.stdout + result.stderr))
        return result
    }

    @Test func assessmentFromAJSONFileReportsEveryProblemWithItsPointer() throws {
        let recorded = try recordCase()
        let before = try dump()
        let bad = try directory.write("bad.json", """
        {"citizen": "\(recorded.citizen)", "date": "2025-13-01", "assessor": "Anna",
         "entries": [{"theme": "Købe ind", "level": 7}, {"theme": "Tobak", "level": "2"}, {"theme": "Svæve"}, 5]}
        """)
        let result = try ffb(["assess", "--file", bad.path])
        #expect(result.status == 1)
        #expect(result.errorLines == [
            "\(bad.path):/date: not a date (expected YYYY-MM-DD)",
            "\(bad.path):/entries/0/level: not a function level (0–4 or \"ikke-vurderet\")",
            "\(bad.path):/entries/1/level: theme \"Tobak\" takes no level: only Aktivitet og deltagelse themes are scored",
            "\(bad.path):/entries/2/theme: unknown theme (use a KL code or an exact Danish name)",
            "\(bad.path):/entries/3: expected object, found number",
        ])
        // A theme twice, once by name and once by code: an error at the second, naming the first.
        let twice = try directory.write("twice.json", """
        {"citizen": "\(recorded.citizen)", "date": "2025-06-01", "assessor": "Anna",
         "entries": [{"theme": "Købe ind", "level": 3}, {"theme": "01770afa-cd17-41fe-a966-b8895e4d55d8", "level": 2}]}
        """)
        let doubled = try ffb(["assess", "--file", twice.path])
        #expect(doubled.status == 1)
        #expect(doubled.errorLines == ["\(twice.path):/entries/1/theme: theme \"Købe ind\" is assessed twice in one assessment (first at /entries/0/theme)"])
        let truncated = try directory.write("truncated.json", #"{"citizen": "P-"#)
        let cut = try ffb(["assess", "--file", truncated.path])
        #expect(cut.status == 1)
        #expect(cut.errorLines.count == 1)
        #expect(cut.stderr.hasPrefix("\(truncated.path):"))
        #expect(try dump() == before)

        let good = try directory.write("good.json", """
        {"citizen": "\(recorded.citizen)", "case": "S-2025-001", "date": "2025-06-01", "assessor": "Anna",
         "entries": [{"theme": "Købe ind", "level": "2", "source": "borger"}, {"theme": "Tobak", "note": "Ryger mindre", "relevance": "relevant"}]}
        """)
        let saved = try ffb(["assess", "--file", good.path])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout.contains("gemt: 1 tema(er) med niveau, 1 uden."))
    }

    @Test func interactiveAssessmentThroughAPipe() throws {
        let citizen = try ok("citizen", "add", "--cpr", "020290-1234", "--name", "Ole")
        // Mobilitet has four themes: answer, skip, go back to the skipped one and answer it, ask for
        // the next one's definition, mistype, answer "not assessed", skip the last, confirm.
        let answers = ["3", "", "t", "2", "?", "x", "iv", "", "j"].joined(separator: "\n") + "\n"
        let result = try ffb("assess", "--citizen", citizen, "--date", "2025-04-01", "--interactive", "--area", "Mobilitet", stdin: answers)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("── Mobilitet ──"))
        #expect(result.stdout.contains("Gem 3 svar? (j/n"))
        #expect(result.stdout.contains("Udredning "))
        let history = try #require(try FFBProcess.json(try ok("history", "--citizen", citizen, "--format", "json")) as? [String: Any])
        let details = try #require((history["events"] as? [[String: Any]])?.first?["details"] as? [String])
        #expect(details.count == 3)

        // Declining keeps the answers as a draft; quitting and end of input keep theirs too.
        let declined = try ffb("assess", "--citizen", citizen, "--date", "2025-04-02", "--interactive", "--area", "Mobilitet", stdin: "1\n1\n1\n1\nn\n")
        #expect(declined.status == 0)
        #expect(declined.stdout.contains("Dine 4 svar er gemt som kladde."))
        let quit = try ffb("assess", "--citizen", citizen, "--interactive", "--resume", stdin: "1\nq\n")
        #expect(quit.stdout.contains("Dine 4 svar er gemt som kladde."))
        let eof = try ffb("assess", "--citizen", citizen, "--date", "2025-04-02", "--interactive", "--discard-draft", stdin: "")
        #expect(eof.stdout.contains("Intet gemt."))
    }

    @Test func twoProcessesWritingAtOnceBothSucceedOrOneIsBusy() throws {
        _ = try ok("init")
        let binary = FFBProcess.binary, store = try StoreBackend.location(db)
        var processes: [(Process, Pipe)] = []
        for index in 0..<2 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            // Each process registers 15 citizens, one command (one transaction) each.
            var script = ""
            for n in 0..<15 {
                let day = String(format: "%02d", n + 1)
                script += "'\(binary.path)' citizen add --db '\(store)' --cpr \(day)0\(index + 1)80-\(1000 + n) --name 'Borger \(index)-\(n)' >/dev/null || echo fail\n"
            }
            process.arguments = ["-c", script]
            process.environment = FFBProcess.environment([:])
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            processes.append((process, pipe))
        }
        var failures = 0
        for (process, pipe) in processes {
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            for line in text.split(separator: "\n") where line == "fail" { failures += 1 }
            for line in text.split(separator: "\n") where line != "fail" {
                #expect(line.contains("busy"), "unexpected error: \(line)")
            }
        }
        let list = try #require(try FFBProcess.json(try ok("citizen", "list", "--format", "json")) as? [[String: Any]])
        #expect(list.count == 30 - failures)
        #expect(failures == 0, "with a 5 s busy timeout no write should have to give up")
        let integrity = try StoreShell.run(db, "PRAGMA integrity_check")
        #expect(integrity.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }
}
