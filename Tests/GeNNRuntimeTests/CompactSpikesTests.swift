import Testing

@testable import GeNNRuntime

/// Recorded spikes are held as ids with the steps that have any, and laid out as a step,
/// an id and a time each only when asked for.
@Suite struct CompactSpikesTests {
  @Test func laysOutStepsIdsAndTimes() {
    var spikes = CompactSpikes()
    spikes.ids += [3, 7]
    spikes.endStep(0)
    spikes.endStep(1)
    spikes.ids += [1]
    spikes.endStep(2)
    #expect(spikes.count == 3)
    let recording = spikes.recording(dt: 0.1)
    #expect(recording.steps == [0, 0, 2])
    #expect(recording.ids == [3, 7, 1])
    #expect(recording.times == [0, 0, 2 * 0.1])
  }

  @Test func anEmptyRecordingHasNoSpikes() {
    var spikes = CompactSpikes()
    spikes.endStep(5)
    #expect(spikes.count == 0)
    #expect(spikes.recording(dt: 1) == SpikeRecording())
  }

  /// Trials of 4 steps with the step counter set back to 0 before each; neuron `trial`
  /// fires in every step of trial `trial`.
  static func trials(_ count: Int, window: Int64?) -> CompactSpikes {
    var spikes = CompactSpikes()
    for trial in 0..<count {
      for step in 0..<4 {
        spikes.ids.append(Int32(trial))
        spikes.endStep(Int64(step))
      }
      if let window { spikes.forget(before: spikes.stepsTaken - window) }
    }
    return spikes
  }

  @Test func aWindowGivesTheLatestStepsRunWhateverTheirNumbers() {
    let spikes = Self.trials(10, window: 4)
    let latest = spikes.recording(dt: 1, latestSteps: 4)
    #expect(latest.ids == [9, 9, 9, 9])
    #expect(latest.steps == [0, 1, 2, 3])
    #expect(spikes.count(latestSteps: 4) == 4)
    // Read from all that was kept, a window spans trials.
    #expect(
      Self.trials(10, window: nil).recording(dt: 1, latestSteps: 6).ids == [8, 8, 9, 9, 9, 9])
    #expect(spikes.stepsTaken == 40)
  }

  @Test func forgettingKeepsAtMostTwiceTheWindow() {
    for count in 1...30 {
      let spikes = Self.trials(count, window: 4)
      #expect(spikes.count <= 8)
      #expect(spikes.count(latestSteps: 4) == 4)
    }
    // Without a window, everything stays.
    #expect(Self.trials(30, window: nil).count == 120)
  }
}
