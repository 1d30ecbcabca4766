import Testing
@testable import Lessons

/// Parses `body` in a lesson whose experiment `bowl` has runs `gd`, `lr 0.3, momentum=0.9 ü`
/// and `full / batch`, and returns its inline results.
func inlineResults(_ body: String) throws -> [InlineResult] {
    let text = """
        ---
        title: T
        ---
        \(body)

        ```experiment
        id: bowl
        model: {kind: surface, function: quadratic}
        init: {x: 1, y: 1}
        epochs: 20
        runs:
          - {label: gd, lr: 0.1}
          - {label: "lr 0.3, momentum=0.9 ü", optimizer: momentum, lr: 0.3, momentum: 0.9}
          - {label: "full / batch", lr: 0.2}
        ```
        """
    return try LessonParser.parse(text, file: "l.md", slug: "l").prose.results
}

/// The diagnostics of `body`'s inline results, as text.
func inlineResultErrors(_ body: String) -> [String] {
    do {
        _ = try inlineResults(body)
        return []
    } catch let error as Diagnostics {
        return error.all.map(\.description)
    } catch {
        return ["\(error)"]
    }
}

@Suite struct InlineResultTests {
    @Test func aResultNamesExperimentQuantityAndRun() throws {
        let results = try inlineResults("It ends at `{result} bowl: final_loss of gd`.")
        #expect(results.count == 1)
        let result = try #require(results.first)
        #expect(result.experiment == "bowl")
        #expect(result.value == InlineResult.Value(run: "gd", quantity: .finalLoss))
        #expect(result.denominator == nil && result.unit == nil && result.digits == nil)
        #expect(result.source == "bowl: final_loss of gd")
        #expect(result.location == SourceLocation(file: "l.md", line: 4, column: 12))
    }

    @Test func labelsWithCommasEqualsSignsAndAnyScriptNeedNoQuotes() throws {
        let results = try inlineResults("`{result} bowl: seconds of lr 0.3, momentum=0.9 ü as ms 2 digits`")
        #expect(results.first?.value == InlineResult.Value(run: "lr 0.3, momentum=0.9 ü", quantity: .seconds))
        #expect(results.first?.unit == .milliseconds)
        #expect(results.first?.digits == 2)
    }

    @Test func aRatioDividesTwoQuantitiesAndAQuotedLabelMayHoldASlash() throws {
        let results = try inlineResults(#"`{result} bowl: seconds of gd / seconds of "full / batch" as ×`"#)
        let result = try #require(results.first)
        #expect(result.value == InlineResult.Value(run: "gd", quantity: .seconds))
        #expect(result.denominator == InlineResult.Value(run: "full / batch", quantity: .seconds))
        #expect(result.unit == .times)
    }

    @Test func quantitiesWithArguments() throws {
        let results = try inlineResults("`{result} bowl: loss at epoch 5 of gd` and `{result} bowl: parameter y of gd as 2 digits` and `{result} bowl: diverged_at of gd`")
        #expect(results.map(\.value.quantity) == [.lossAtEpoch(5), .parameter("y"), .divergedAt])
    }

    @Test func recordedQuantitiesAreReadAtTheStartOrTheEnd() throws {
        let results = try inlineResults("`{result} bowl: learning_rate at end of gd`, `{result} bowl: gradient_norm at start of gd` and `{result} bowl: layer 1 gradient_norm at end of gd`")
        #expect(results.map(\.value.quantity) == [.learningRate(.end), .gradientNorm(layer: nil, at: .start), .gradientNorm(layer: 1, at: .end)])
        #expect(inlineResultErrors("`{result} bowl: layer 2 gradient_norm at start of gd`") == [
            "l.md:4:17: error: This inline result cannot be read: `layer` takes 1 (only an mlp has more layers). For example: `{result} deep: layer 1 gradient_norm at start of Sigmoid / layer 6 gradient_norm at start of Sigmoid`.",
        ])
        #expect(inlineResultErrors("`{result} bowl: learning_rate at middle of gd`") == [
            "l.md:4:17: error: This inline result cannot be read: `learning_rate` is read `at start` or `at end` (the first or the last recorded update). For example: `{result} deep: layer 1 gradient_norm at start of Sigmoid / layer 6 gradient_norm at start of Sigmoid`.",
        ])
    }

    @Test func aLabelMayBreakAcrossLines() throws {
        let results = try inlineResults("It took `{result} bowl: seconds of lr 0.3,\nmomentum=0.9 ü`.")
        #expect(results.first?.value.run == "lr 0.3, momentum=0.9 ü")
    }

    @Test func anOverlongResultIsAnError() {
        #expect(inlineResultErrors("`{result} bowl: seconds of " + String(repeating: "a as ", count: 300) + "`") == [
            "l.md:4:1: error: This inline result cannot be read: it is 1518 characters long, and an inline result is at most 1000. For example: `{result} sizes: seconds of batch 1 / seconds of full batch as ×`.",
        ])
    }

    @Test func otherCodeSpansStayCode() throws {
        #expect(try inlineResults("Write `{results} x` or `result` or `` {result} bowl: seconds of gd `` here.").isEmpty)
    }

    @Test func mistakesAreErrorsAtTheirPositionWithTheNearestName() {
        #expect(inlineResultErrors("See `{result} bwol: final_loss of gd`.") == [
            "l.md:4:15: error: The inline result names `bwol`, which is no experiment. Did you mean `bowl`? Known: `bowl`.",
        ])
        #expect(inlineResultErrors("See `{result} bowl: final_loss of GD 2`.") == [
            "l.md:4:35: error: The inline result names `GD 2`, which is no run of experiment `bowl`. Known: `gd`, `lr 0.3, momentum=0.9 ü`, `full / batch`.",
        ])
        #expect(inlineResultErrors("Line.\nSee `{result} bowl: final_los of gd`.") == [
            "l.md:5:21: error: The inline result names `final_los`, which is no quantity. Did you mean `final_loss`? Known: `final_loss`, `validation_loss`, `accuracy`, `seconds`, `updates`, `gradient_evaluations`, `diverged_at`, `loss at epoch`, `parameter`, `learning_rate at`, `gradient_norm at`, `layer`.",
        ])
        #expect(inlineResultErrors("`{result} bowl: parameter w of gd`") == [
            "l.md:4:17: error: The inline result names `w`, which is no parameter of experiment `bowl`. Known: `x`, `y`.",
        ])
        #expect(inlineResultErrors("`{result} bowl: final_loss of gd as ms`") == [
            "l.md:4:37: error: This inline result cannot be read: `ms` formats a time, and this is not one; use `×`, `%` or `N digits`. For example: `{result} sizes: seconds of batch 1 / seconds of full batch as ×`.",
        ])
        #expect(inlineResultErrors("`{result} bowl: loss at epoch 30 of gd`") == [
            "l.md:4:17: error: This inline result cannot be read: experiment `bowl` trains 20 epochs, so there is no loss at epoch 30 (0 to 20). For example: `{result} sizes: loss at epoch 20 of batch 1`.",
        ])
        #expect(inlineResultErrors("`{result} bowl: validation_loss of gd`") == [
            "l.md:4:17: error: This inline result cannot be read: experiment `bowl` has no validation set, so there is no `validation_loss` (add `validation: 0.2` to its `data`). For example: `{result} sizes: seconds of batch 1 / seconds of full batch as ×`.",
        ])
        #expect(inlineResultErrors(#"`{result} bowl: seconds of "gd`"#) == [
            #"l.md:4:28: error: This inline result cannot be read: the run's label opens a quote that does not close. For example: `{result} sizes: seconds of "lr 0.3, momentum 0.9"`."#,
        ])
    }
}
