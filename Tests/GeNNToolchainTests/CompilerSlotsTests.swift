import Foundation
import Testing

@testable import GeNNToolchain

/// At most one compiler per core runs at once: in a process, and across processes
/// through lock files (two `CompilerSlots` stand for two processes: `flock` locks of
/// separately opened files exclude each other within a process too).
@Suite struct CompilerSlotsTests {
  /// The most bodies that ran at once.
  actor Overlap {
    private var running = 0
    private(set) var most = 0
    private(set) var finished = 0

    func enter() {
      running += 1
      most = max(most, running)
    }

    func leave() {
      running -= 1
      finished += 1
    }
  }

  /// Runs 8 bodies of 20 ms spread over `slots`, and returns the most that ran at once
  /// and how many finished.
  static func overlap(_ slots: [CompilerSlots]) async throws -> (most: Int, finished: Int) {
    let overlap = Overlap()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for body in 0..<8 {
        let slots = slots[body % slots.count]
        group.addTask {
          try await slots.run {
            await overlap.enter()
            try await Task.sleep(for: .milliseconds(20))
            await overlap.leave()
          }
        }
      }
      try await group.waitForAll()
    }
    return (await overlap.most, await overlap.finished)
  }

  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("compiler-slots-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
    return folder
  }

  @Test func aProcessRunsAtMostItsCountAtOnce() async throws {
    let (most, finished) = try await Self.overlap([CompilerSlots(count: 2, lockFolder: nil)])
    #expect(most == 2)
    #expect(finished == 8)
  }

  @Test func processesShareTheLockFiles() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let processes = [
      CompilerSlots(count: 1, lockFolder: folder), CompilerSlots(count: 1, lockFolder: folder),
    ]
    let (most, finished) = try await Self.overlap(processes)
    #expect(most == 1)
    #expect(finished == 8)
  }

  @Test func aFolderOthersMayWriteIsNotUsed() async throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
    let processes = [
      CompilerSlots(count: 1, lockFolder: folder), CompilerSlots(count: 1, lockFolder: folder),
    ]
    let (most, finished) = try await Self.overlap(processes)
    #expect(most == 2, "each process kept only its own limit")
    #expect(finished == 8)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }
}
