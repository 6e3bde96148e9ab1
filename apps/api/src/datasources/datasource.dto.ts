export class DatasourceDto {
  name: string;
  type: 'prometheus' | 'otlp';
  url: string | null;
  timeoutMs: number;
  maxConcurrency: number;
}
