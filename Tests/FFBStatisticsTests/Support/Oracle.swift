import Foundation

/// Runs `oracle.py` (next to this test target) with python3, scipy and statsmodels.
enum Oracle {
    struct Request: Encodable {
        var groups: [Group]
        var signTests: [[Int]]
        var normalSf: [Double]
        var chi2Sf: [[Double]]

        enum Group: Encodable {
            case matrix([[Int]])
            case pairs([[Int]])

            private enum CodingKeys: String, CodingKey { case matrix, pairs }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                switch self {
                case .matrix(let rows): try container.encode(rows, forKey: .matrix)
                case .pairs(let pairs): try container.encode(pairs, forKey: .pairs)
                }
            }
        }
    }

    struct Response: Decodable {
        var groups: [Group]
        var signTests: [Double?]
        var normalSf: [Double?]
        var chi2Sf: [Double?]

        struct Group: Decodable {
            var n: Int
            var improved: Int
            var unchanged: Int
            var worsened: Int
            var meanChange: Double?
            var meanBaseline: Double?
            var meanFollowup: Double?
            var improvedShare: Double?
            var improvedShareCi: [Double]?
            var signTestP: Double?
            var wilcoxon: Wilcoxon
            var rankBiserial: Double?
            var transitions: [[Int]]
            var stuartMaxwell: ChiSquare
            var bowker: ChiSquare
        }

        struct Wilcoxon: Decodable {
            var n: Int
            var wPlus: Double
            var wMinus: Double
            var z: Double?
            var p: Double?
        }

        struct ChiSquare: Decodable {
            var chi2: Double?
            var df: Int?
            var p: Double?
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let installHint =
        "The statistics oracle needs python3 with numpy, scipy and statsmodels (pip install scipy statsmodels)."

    static func run(_ request: Request) throws -> Response {
        try run(script: "oracle.py", request, as: Response.self)
    }

    /// Runs `script` (next to this test target) on `request` as JSON and decodes its answer.
    static func run<Question: Encodable, Answer: Decodable>(script name: String, _ request: Question, as: Answer.Type) throws -> Answer {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(name)
        let files = FileManager.default
        let directory = files.temporaryDirectory.appendingPathComponent("ffb-statistics-oracle-\(UUID().uuidString)")
        try files.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? files.removeItem(at: directory) }

        // Files rather than pipes: neither side can block on a full pipe buffer.
        let input = directory.appendingPathComponent("request.json")
        let output = directory.appendingPathComponent("response.json")
        let errors = directory.appendingPathComponent("errors.txt")
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(request).write(to: input)
        try Data().write(to: output)
        try Data().write(to: errors)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        do {
            try process.run()
        } catch {
            throw Failure(description: "could not start python3 (\(error)). \(installHint)")
        }
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let cause = process.terminationStatus == 127
                ? "python3 was not found on PATH"
                : "\(name) exited with status \(process.terminationStatus)"
            throw Failure(description: """
                \(cause). \(installHint)
                \(stderr)
                """)
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Answer.self, from: Data(contentsOf: output))
    }
}
