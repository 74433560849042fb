#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// GeNN 5.4's built-in neuron models, with GeNN's exact code, names and derived
/// parameters (`include/genn/genn/neuronModels.h`).
extension NeuronModel {
  /// Every built-in neuron model by its GeNN name.
  public static let builtins: [String: NeuronModel] = [
    "RulkovMap": .rulkovMap, "Izhikevich": .izhikevich, "IzhikevichVariable": .izhikevichVariable,
    "LIF": .lif, "SpikeSourceArray": .spikeSourceArray, "Poisson": .poisson,
    "TraubMiles": .traubMiles,
  ]

  /// Rulkov's map neuron in Nowotny's 1-D form; meaningful at dt = 0.5 ms.
  public static let rulkovMap = NeuronModel(
    name: "RulkovMap", params: ["Vspike", "alpha", "y", "beta"],
    derivedParams: [
      DerivedParameter("ip0") { p, _ in p["Vspike"]! * p["Vspike"]! * p["alpha"]! },
      DerivedParameter("ip1") { p, _ in p["Vspike"]! * p["y"]! },
      DerivedParameter("ip2") { p, _ in (p["Vspike"]! * p["alpha"]!) + (p["Vspike"]! * p["y"]!) },
    ],
    vars: [Variable("V", "scalar"), Variable("preV", "scalar")],
    simCode: """
      if (V <= 0) {
         preV= V;
         V= ip0/((Vspike) - V - (beta)*Isyn) +(ip1);
      }
      else {   if ((V < ip2) && (preV <= 0)) {
             preV= V;
             V= ip2;
         }
         else {
             preV= V;
             V= -(Vspike);
         }
      }

      """,
    thresholdConditionCode: "V >= ip2")

  /// Izhikevich's 2003 model with its two half-step Euler updates of V.
  public static let izhikevich = NeuronModel(
    name: "Izhikevich", params: ["a", "b", "c", "d"],
    vars: [Variable("V", "scalar"), Variable("U", "scalar")],
    simCode: izhikevichSimCode, thresholdConditionCode: "V >= 29.99")

  /// ``izhikevich`` with `a`, `b`, `c`, `d` as read-only per-neuron variables.
  public static let izhikevichVariable = NeuronModel(
    name: "IzhikevichVariable",
    vars: [
      Variable("V", "scalar"), Variable("U", "scalar"),
      Variable("a", "scalar", access: .readOnly), Variable("b", "scalar", access: .readOnly),
      Variable("c", "scalar", access: .readOnly), Variable("d", "scalar", access: .readOnly),
    ],
    simCode: izhikevichSimCode, thresholdConditionCode: "V >= 29.99")

  private static let izhikevichSimCode = """
    if (V >= 30.0){
       V=c;
       U+=d;
    } 
    V+=0.5*(0.04*V*V+5.0*V+140.0-U+Isyn)*dt; //at two times for numerical stability
    V+=0.5*(0.04*V*V+5.0*V+140.0-U+Isyn)*dt;
    U+=a*(b*V-U)*dt;
    if (V > 30.0){   //keep this to not confuse users with unrealistiv voltage values 
      V=30.0; 
    }

    """

  /// The leaky integrate-and-fire neuron with an absolute refractory period.
  public static let lif = NeuronModel(
    name: "LIF", params: ["C", "TauM", "Vrest", "Vreset", "Vthresh", "Ioffset", "TauRefrac"],
    derivedParams: [
      DerivedParameter("ExpTC") { p, dt in exp(-dt / p["TauM"]!) },
      DerivedParameter("Rmembrane") { p, _ in p["TauM"]! / p["C"]! },
    ],
    vars: [Variable("V", "scalar"), Variable("RefracTime", "scalar")],
    simCode: """
      if (RefracTime <= 0.0) {
        scalar alpha = ((Isyn + Ioffset) * Rmembrane) + Vrest;
        V = alpha - (ExpTC * (alpha - V));
      }
      else {
        RefracTime -= dt;
      }

      """,
    thresholdConditionCode: "RefracTime <= 0.0 && V >= Vthresh",
    resetCode: """
      V = Vreset;
      RefracTime = TauRefrac;

      """)

  /// Emits the spikes listed in its `spikeTimes` array, between `startSpike` and
  /// `endSpike` for each neuron.
  public static let spikeSourceArray = NeuronModel(
    name: "SpikeSourceArray",
    vars: [
      Variable("startSpike", "unsigned int"),
      Variable("endSpike", "unsigned int", access: .readOnlyDuplicate),
    ],
    extraGlobalParams: [ExtraGlobalParameter("spikeTimes", "scalar*")],
    thresholdConditionCode: "startSpike != endSpike && t >= spikeTimes[startSpike]",
    resetCode: "startSpike++;\n")

  /// A Poisson spike source at `rate` Hz.
  public static let poisson = NeuronModel(
    name: "Poisson", params: ["rate"],
    derivedParams: [DerivedParameter("isi") { p, dt in 1000.0 / (p["rate"]! * dt) }],
    vars: [Variable("timeStepToSpike", "scalar")],
    simCode: """
      if(timeStepToSpike <= 0.0f) {
          timeStepToSpike += isi * gennrand_exponential();
      }
      timeStepToSpike -= 1.0;

      """,
    thresholdConditionCode: "timeStepToSpike <= 0.0", paramDomains: ["rate": .nonNegative])

  /// Traub and Miles' Hodgkin-Huxley neuron, 25 Euler sub-steps per time step.
  public static let traubMiles = NeuronModel(
    name: "TraubMiles", params: ["gNa", "ENa", "gK", "EK", "gl", "El", "C"],
    vars: [
      Variable("V", "scalar"), Variable("m", "scalar"), Variable("h", "scalar"),
      Variable("n", "scalar"),
    ],
    simCode: """
      const scalar mdt= dt/25.0;
      for (unsigned int mt=0; mt < 25; mt++) {
         const scalar Imem= -(m*m*m*h*gNa*(V-(ENa))+
             n*n*n*n*gK*(V-(EK))+
             gl*(V-(El))-Isyn);
         scalar a;
         if (V == -52.0) {
             a= 1.28;
         }
         else {
             a= 0.32*(-52.0-V)/(exp((-52.0-V)/4.0)-1.0);
         }
         scalar b;
         if (V == -25.0) {
             b= 1.4;
         }
         else {
             b= 0.28*(V+25.0)/(exp((V+25.0)/5.0)-1.0);
         }
         m+= (a*(1.0-m)-b*m)*mdt;
         a= 0.128*exp((-48.0-V)/18.0);
         b= 4.0 / (exp((-25.0-V)/5.0)+1.0);
         h+= (a*(1.0-h)-b*h)*mdt;
         if (V == -50.0) {
             a= 0.16;
         }
         else {
             a= 0.032*(-50.0-V)/(exp((-50.0-V)/5.0)-1.0);
         }
         b= 0.5*exp((-55.0-V)/40.0);
         n+= (a*(1.0-n)-b*n)*mdt;
         V+= Imem/C*mdt;
      }

      """,
    thresholdConditionCode: "V >= 0.0")
}
