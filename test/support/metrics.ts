/** Reads every metric the alarms and dashboards of a synthesized template watch. */
import { Template } from 'aws-cdk-lib/assertions';

/** One metric as CloudFormation (or a dashboard body) names it. */
export interface WatchedMetric {
  readonly where: string;
  readonly namespace: string;
  readonly name: string;
  /** Dimension name -> value (a CloudFormation token shows as `TOKEN`, or its intrinsic as JSON). */
  readonly dimensions: Record<string, unknown>;
}

export function alarmMetrics(template: Template): WatchedMetric[] {
  const out: WatchedMetric[] = [];
  for (const [id, alarm] of Object.entries(template.findResources('AWS::CloudWatch::Alarm'))) {
    const p = alarm.Properties;
    const dims = (list: Array<{ Name: string; Value: unknown }> = []) => Object.fromEntries(list.map(d => [d.Name, d.Value]));
    if (p.MetricName) out.push({ where: id, namespace: p.Namespace, name: p.MetricName, dimensions: dims(p.Dimensions) });
    for (const m of p.Metrics ?? []) {
      const metric = m.MetricStat?.Metric;
      if (metric) out.push({ where: `${id}/${m.Id}`, namespace: metric.Namespace, name: metric.MetricName, dimensions: dims(metric.Dimensions) });
    }
  }
  return out;
}

/** A dashboard widget as its body writes it. */
export interface DashboardWidget {
  readonly dashboard: string;
  readonly properties: { readonly title: string; readonly metrics?: unknown[][] };
}

/** The dashboards' widgets: the body is a Fn::Join of JSON text and tokens; tokens become `TOKEN`. */
export function dashboardWidgets(template: Template): DashboardWidget[] {
  return Object.entries(template.findResources('AWS::CloudWatch::Dashboard')).flatMap(([id, dashboard]) => {
    const body = dashboard.Properties.DashboardBody;
    const text = typeof body === 'string' ? body : (body['Fn::Join'][1] as unknown[]).map(part => typeof part === 'string' ? part : 'TOKEN').join('');
    return (JSON.parse(text).widgets as Array<Omit<DashboardWidget, 'dashboard'>>).map(widget => ({ dashboard: id, ...widget }));
  });
}

/** The dashboards' metrics. */
export function dashboardMetrics(template: Template): WatchedMetric[] {
  const out: WatchedMetric[] = [];
  for (const { dashboard: id, properties } of dashboardWidgets(template)) {
    for (const entry of properties.metrics ?? []) {
      const strings = entry.filter((x): x is string => typeof x === 'string');
      if (strings.length === 0) continue; // a math expression: its metrics are entries of their own
      const [namespace, name, ...pairs] = strings;
      const dimensions: Record<string, unknown> = {};
      for (let i = 0; i < pairs.length; i += 2) dimensions[pairs[i]] = pairs[i + 1];
      out.push({ where: `${id}/${properties.title}`, namespace, name, dimensions });
    }
  }
  return out;
}
