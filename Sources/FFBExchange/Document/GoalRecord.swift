import FFBModel

/// One version of a goal as it travels, with the sender's entered-in-error mark.
public struct GoalRecord: Hashable, Sendable {
    public var goal: Goal
    public var enteredInError: String?

    public init(goal: Goal, enteredInError: String? = nil) {
        self.goal = goal
        self.enteredInError = enteredInError
    }
}
