// The exchange pipeline: decode → validate and map → apply.
