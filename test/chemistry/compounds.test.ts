import { describe, expect, it } from 'vitest';
import {
  ANION_MOLAR_MASS,
  calcinationProducts,
  PRECIPITATE_COMPOUNDS,
  saltFormula,
  saltMolarMass,
} from '../../src/chemistry/compounds.js';
import { ELEMENT_SYMBOLS } from '../../src/chemistry/elements.js';
import { oxideMassPerMole } from '../../src/chemistry/oxide.js';

// CIAAW weights (ree-data section 1 and chemistry/reagents.ts).
const H = 1.008;
const C = 12.011;
const O = 15.999;

describe('compounds', () => {
  it('ANION_MOLAR_MASS is C2O4 88.018, CO3 60.008, OH 17.007 g/mol', () => {
    expect(ANION_MOLAR_MASS.oxalate).toBeCloseTo(2 * C + 4 * O, 12);
    expect(ANION_MOLAR_MASS.carbonate).toBeCloseTo(C + 3 * O, 12);
    expect(ANION_MOLAR_MASS.hydroxide).toBeCloseTo(O + H, 12);
  });

  it('saltFormula(element, compound).formula names the usual salts', () => {
    expect(saltFormula('Nd', 'oxalate').formula).toBe('Nd2(C2O4)3·10H2O');
    expect(saltFormula('Th', 'oxalate').formula).toBe('Th(C2O4)2·6H2O');
    expect(saltFormula('Ca', 'oxalate').formula).toBe('CaC2O4·H2O');
    expect(saltFormula('La', 'carbonate').formula).toBe('La2(CO3)3');
    expect(saltFormula('Ca', 'carbonate').formula).toBe('CaCO3');
    expect(saltFormula('Fe', 'carbonate').formula).toBe('Fe(OH)3');
    expect(saltFormula('Y', 'hydroxide').formula).toBe('Y(OH)3');
  });

  it('saltMolarMass(Nd, oxalate) gives 0.459 kg Nd2O3 per kg on calcination', () => {
    // ree-data 6.3 [D, H].
    expect(oxideMassPerMole('Nd') / saltMolarMass('Nd', 'oxalate')).toBeCloseTo(0.459, 3);
  });

  it('calcinationProducts(every element, every compound) closes the mass: salt + O2 = oxide + gases', () => {
    for (const s of ELEMENT_SYMBOLS) {
      for (const c of PRECIPITATE_COMPOUNDS) {
        const g = calcinationProducts(s, c);
        const into = saltMolarMass(s, c) + g.O2 * 2 * O;
        const out = oxideMassPerMole(s) + g.CO * (C + O) + g.CO2 * (C + 2 * O) + g.H2O * (2 * H + O);
        expect(Math.abs(into - out)).toBeLessThan(1e-12 * into);
        expect(g.O2).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
