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
}
