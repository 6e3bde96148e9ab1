/** The parts of the demo's scenario table its test reads (names and titles, never outcomes). */
export interface DemoScenario {
  name: string;
  story: string;
  action: { title: string; ownerTeam: string };
  metric: { name: string; selector: { metric: string } };
  shape?: (daysAgo: number) => number;
}
export declare const METRICS: Record<string, string>;
export declare const POSTMORTEMS: Record<string, { kind: string; title: string }>;
export declare const SCENARIOS: DemoScenario[];
export declare const OTHER_ACTIONS: Array<{ action: { title: string; ownerTeam: string } }>;
