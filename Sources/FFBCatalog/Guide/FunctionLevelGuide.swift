import Foundation

/// What KL's Funktionsevneguide says about the 0–4 function levels, kept apart from the
/// terminology catalogues because it is another KL publication with its own sources
/// (`Catalogs/funktionsevneguide.json`). Every passage carries where it comes from.
///
/// Three layers, most specific first: descriptions of a theme's levels, a definition per level,
/// and general guidance that holds for every theme. Each may be empty; a reader says so plainly
/// rather than showing a level's name as its definition.
public struct FunctionLevelGuide: Sendable, Equatable {
    /// A piece of KL text and where it was taken from.
    public struct Passage: Sendable, Hashable {
        public var text: String
        public var source: String

        public init(text: String, source: String) {
            self.text = text
            self.source = source
        }
    }

    public let title: String
    public let general: [Passage]
    public let levels: [FunctionLevel: Passage]
    public let themes: [KLCode: [FunctionLevel: Passage]]

    public init(title: String, general: [Passage], levels: [FunctionLevel: Passage], themes: [KLCode: [FunctionLevel: Passage]]) {
        self.title = title
        self.general = general
        self.levels = levels
        self.themes = themes
    }

    /// The level descriptions KL publishes for `theme`, else its general level definitions
    /// (either may be empty).
    public func levelTexts(for theme: KLCode) -> [FunctionLevel: Passage] {
        themes[theme] ?? levels
    }

    /// Whether the texts of `levelTexts(for:)` are the theme's own.
    public func describes(_ theme: KLCode) -> Bool {
        themes[theme] != nil
    }
}
