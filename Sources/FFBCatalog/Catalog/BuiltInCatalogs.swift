import Foundation

/// The catalogue versions compiled into the binary, so `ffb` works when copied alone.
///
/// The JSON text comes from `Catalogs/*.json` via `Scripts/generate-catalogs`; a test proves the
/// embedded text equals the files.
public enum BuiltInCatalogs {
    public static let defaultVersion = "kl-2024"

    /// Versions in the order they are listed to people.
    public static let versions = ["kl-2024", "seed-v2.0"]

    static func fileText(version: String) -> String? {
        switch version {
        case "kl-2024": EmbeddedCatalogText.kl2024
        case "seed-v2.0": EmbeddedCatalogText.seedV20
        default: nil
        }
    }

    /// Built once per process; catalogues are immutable values.
    private static let cache: [String: Catalog] = {
        var built: [String: Catalog] = [:]
        // The default comes first because the seed catalogue takes its scales from it.
        for version in versions {
            guard let text = fileText(version: version) else { continue }
            let earlier = built
            let loader = CatalogLoader(baseResolver: { earlier[$0] })
            built[version] = try? loader.load(Data(text.utf8))
        }
        return built
    }()

    public static func catalog(version: String) -> Catalog? {
        cache[version]
    }

    /// KL's Funktionsevneguide texts for the function levels (`Catalogs/funktionsevneguide.json`),
    /// shared by every catalogue version: the 0–4 scale is the same in all of them. Checked by the
    /// test suite like the catalogues; an empty guide stands in if it could not be read.
    public static let levelGuide: FunctionLevelGuide = {
        (try? FunctionLevelGuide.load(Data(EmbeddedCatalogText.levelGuide.utf8)))
            ?? FunctionLevelGuide(title: "unavailable", general: [], levels: [:], themes: [:])
    }()

    /// The default catalogue. Its embedded text is checked by the test suite, so failing to build
    /// it is a packaging fault, not an input error.
    public static var standard: Catalog {
        cache[defaultVersion] ?? Catalog(version: defaultVersion, title: "unavailable", groups: [], areas: [], themes: [], functionLevels: [], supportLevels: [], goalTypes: [], followUpStatuses: [], services: [], offerTypes: [], targetGroups: [], headings: [])
    }
}
