extension String {
  /// The string made safe to print inside a `//` comment of generated code: printable
  /// ASCII stays as it is; a backslash (which would join the next line to the comment),
  /// a line break or any other character is written as `<U+XXXX>`. Free text from a
  /// model (the names of models and snippets, which need not be identifiers) reaches
  /// generated code only through this, so it can neither end the comment nor continue
  /// it onto a line of code.
  var commentText: String {
    var text = ""
    for scalar in unicodeScalars {
      if scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\\" {
        text.unicodeScalars.append(scalar)
      } else {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        text += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
      }
    }
    return text
  }
}
