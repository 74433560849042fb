import GeNNToolchain

/// The one command that installs what is missing, for the system `genn doctor` runs on.
enum InstallAdvice {
  /// The fields of `/etc/os-release` (`ID`, `ID_LIKE`, `PRETTY_NAME`, ...), unquoted.
  static func osRelease(_ text: String) -> [String: String] {
    var fields: [String: String] = [:]
    for line in text.split(whereSeparator: \.isNewline) {
      guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
      var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      if value.count >= 2, let first = value.first, first == "\"" || first == "'",
        value.last == first
      {
        value = String(value.dropFirst().dropLast())
      }
      fields[String(line[..<equals])] = value
    }
    return fields
  }

  /// The command that installs a C++ compiler: by the package manager of the Linux
  /// distribution `osRelease` describes (`sudo` unless `isRoot`), or Apple's
  /// Command Line Tools on macOS.
  static func compiler(platform: HostPlatform, osRelease: [String: String], isRoot: Bool)
    -> String
  {
    if platform == .macOS { return "xcode-select --install" }
    let sudo = isRoot ? "" : "sudo "
    let families =
      ([osRelease["ID"]]
      + (osRelease["ID_LIKE"]?.split(separator: " ")
        .map(String.init) ?? []))
      .compactMap { $0?.lowercased() }
    for family in families {
      switch family {
      case "debian", "ubuntu": return "\(sudo)apt-get install g++"
      case "fedora", "rhel", "centos": return "\(sudo)dnf install gcc-c++"
      case "arch": return "\(sudo)pacman -S gcc"
      case "alpine": return "\(sudo)apk add g++"
      case "suse", "opensuse": return "\(sudo)zypper install gcc-c++"
      default: continue
      }
    }
    return "install your distribution's g++ or clang++ package (for example "
      + "`\(sudo)apt-get install g++`), or set CXX to a C++17 compiler"
  }
}
