import Foundation

/// The statistics the random-number tests check samples with.
enum Statistics {
  /// The Kolmogorov-Smirnov statistic: the largest distance between the empirical CDF
  /// of `samples` and `cdf`, which is continuous or, if `integers`, a step function
  /// jumping at integers.
  static func ksStatistic(
    _ samples: [Double], integers: Bool = false, cdf: (Double) -> Double
  ) -> Double {
    let sorted = samples.sorted()
    let n = Double(sorted.count)
    var distance = 0.0
    var index = 0
    while index < sorted.count {
      let value = sorted[index]
      var next = index
      while next < sorted.count && sorted[next] == value { next += 1 }
      let below = cdf(integers ? value - 1 : value)
      distance = max(distance, abs(Double(next) / n - cdf(value)), abs(below - Double(index) / n))
      index = next
    }
    return distance
  }

  /// The Kolmogorov-Smirnov critical value for `count` samples at significance 0.001
  /// (conservative for discrete distributions).
  static func ksCritical(count: Int) -> Double { 1.949 / Double(count).squareRoot() }

  /// The sample mean and (unbiased) variance.
  static func moments(_ samples: [Double]) -> (mean: Double, variance: Double) {
    let n = Double(samples.count)
    let mean = samples.reduce(0, +) / n
    let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (mean, variance)
  }

  /// What is wrong if the sample mean or variance of `samples` is more than five standard
  /// errors from a distribution's `mean`, `variance` and fourth central moment `fourth`;
  /// `nil` if both are within.
  static func momentMismatch(
    _ samples: [Double], mean: Double, variance: Double, fourth: Double
  ) -> String? {
    let n = Double(samples.count)
    let sample = moments(samples)
    let meanError = (variance / n).squareRoot()
    let varianceError = ((fourth - variance * variance) / n).squareRoot()
    if abs(sample.mean - mean) > 5 * meanError {
      return "mean \(sample.mean), expected \(mean) ± \(5 * meanError)"
    }
    if abs(sample.variance - variance) > 5 * varianceError {
      return "variance \(sample.variance), expected \(variance) ± \(5 * varianceError)"
    }
    return nil
  }

  /// The standard normal CDF.
  static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  /// The CDF of the gamma distribution with shape `a` and scale 1: the regularised lower
  /// incomplete gamma function P(a, x), by its series below a + 1 and its continued
  /// fraction above (Numerical Recipes, 6.2).
  static func gammaCDF(_ x: Double, shape a: Double) -> Double {
    guard x > 0 else { return 0 }
    let logPrefix = a * log(x) - x - lgamma(a)
    if x < a + 1 {
      var term = 1 / a
      var sum = term
      var denominator = a
      while abs(term) > abs(sum) * 1e-15 {
        denominator += 1
        term *= x / denominator
        sum += term
      }
      return sum * exp(logPrefix)
    }
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var fraction = d
    for i in 1...1000 {
      let an = -Double(i) * (Double(i) - a)
      b += 2
      d = an * d + b
      d = abs(d) < tiny ? tiny : d
      c = b + an / c
      c = abs(c) < tiny ? tiny : c
      d = 1 / d
      fraction *= d * c
      if abs(d * c - 1) < 1e-15 { break }
    }
    return 1 - exp(logPrefix) * fraction
  }

  /// The CDF of the binomial distribution (`n`, `p`), summing its mass from ten
  /// standard deviations below the mean (the mass below that is negligible).
  static func binomialCDF(n: Double, p: Double) -> (Double) -> Double {
    let sd = (n * p * (1 - p)).squareRoot()
    let low = max(0, (n * p - 10 * sd - 1).rounded(.down))
    let high = min(n, (n * p + 10 * sd + 1).rounded(.up))
    var cumulative: [Double] = []
    var total = 0.0
    for k in stride(from: low, through: high, by: 1) {
      let logMass =
        lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k * log(p) + (n - k) * log1p(-p)
      total += exp(logMass)
      cumulative.append(total)
    }
    return { x in
      if x < low { return 0 }
      if x >= high { return 1 }
      return cumulative[Int(x.rounded(.down) - low)]
    }
  }
}
