import Testing
@testable import GeNNTranspiler

@Suite struct SmokeTests {
  @Test func lif() throws {
    var env = Environment(context: "neuron population 'Exc', sim code", types: TypeContext(scalar: .float))
    env.add(StandardLibrary.mathematics(for: .cpp))
    env.define("V", .float, spelling: "group->V[id]", role: "state variable")
    env.define("RefracTime", .float, spelling: "RefracTime")
    env.define("Vthresh", .float.addingConst, spelling: "-50.0f", role: "parameter")
    env.define("Isyn", .float, spelling: "Isyn")
    env.define("dt", GeNNType.float.addingConst, spelling: "DT")
    let code = """
      if (RefracTime <= 0.0) {
        scalar alpha = ((Isyn + 1.0) * 20.0) + -70.0;
        V = alpha - (0.9 * (alpha - V));
      }
      else {
        RefracTime -= dt;
      }
      for (int i = 0; i < 10; i++) { V += exp(-1.0) * i; if (i > 3) break; }
      """
    let checked = try Transpiler.checkStatements(code, in: env)
    print(checked.code())
    do {
      _ = try Transpiler.checkStatements("V += Vthres * 2;\nVthresh = 3;\nint x = 09;\n x = y + ;", in: env)
    } catch {
      print(error)
    }
    do {
      _ = try Transpiler.checkStatements("V += Vthres * 2;\nVthresh = 3;\nfloat q = exp(1, 2);", in: env)
    } catch {
      print(error)
    }
  }
}
