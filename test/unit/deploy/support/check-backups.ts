// Backups: with Medusa on, each datacenter gets a daily MedusaBackupSchedule. k8ssandra-operator
// only creates a purge schedule per datacenter (v1.32.5 controllers/k8ssandra/medusa_reconciler.go
// createPurgeSchedule, operationType purge), never a backup one. The schedule's controller runs in
// every operator, control plane or data plane (main.go), and reads the CassandraDatacenter named
// by backupSpec.cassandraDatacenter from its own Kubernetes cluster, in the schedule's namespace
// (controllers/medusa/medusabackupschedule_controller.go), so the schedule must sit in the render
// where the datacenter is local, in the datacenter's namespace. The webhook parses cronSchedule
// with robfig/cron ParseStandard: five fields or a descriptor such as @daily.
import { field, type K8sObject, nameOf, ofKind } from './k8s-object.js';
import type { StorageTopology } from './storage-topology.js';

export function checkBackups(objects: readonly K8sObject[], storage: StorageTopology): string[] {
  const problems: string[] = [];
  const schedules = ofKind(objects, 'MedusaBackupSchedule');
  const medusa = field(storage.k8ssandraCluster, 'spec', 'medusa') !== undefined;
  if (!medusa) {
    for (const schedule of schedules) problems.push(`${nameOf(schedule)}: Medusa is not deployed`);
    return problems;
  }
  const backups = schedules.filter((s) => (field(s, 'spec', 'operationType') ?? 'backup') === 'backup');
  for (const schedule of backups) {
    const dc = field<string>(schedule, 'spec', 'backupSpec', 'cassandraDatacenter');
    const local = storage.local.find((d) => d.name === dc);
    if (!local) {
      problems.push(`${nameOf(schedule)}: datacenter ${dc} is not in this Kubernetes cluster`);
    } else if (schedule.metadata.namespace !== local.namespace) {
      problems.push(
        `${nameOf(schedule)}: in namespace ${schedule.metadata.namespace}, not ${local.namespace}`,
      );
    }
    if (field(schedule, 'spec', 'disabled') === true) problems.push(`${nameOf(schedule)}: disabled`);
    const cron = String(field(schedule, 'spec', 'cronSchedule'));
    if (!runsDaily(cron)) problems.push(`${nameOf(schedule)}: ${cron} does not run every day`);
  }
  for (const dc of storage.local) {
    const count = backups.filter(
      (s) => field(s, 'spec', 'backupSpec', 'cassandraDatacenter') === dc.name,
    ).length;
    if (count !== 1) problems.push(`datacenter ${dc.name}: ${count} backup schedules, not 1`);
  }
  return problems;
}

/** A standard cron line (or descriptor) that fires at least once on every day. */
export function runsDaily(cron: string): boolean {
  if (['@daily', '@midnight', '@hourly'].includes(cron.trim())) return true;
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return false;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  const inRange = (value: string, max: number) =>
    value === '*' || value.split(',').every((part) => /^\d+$/.test(part) && Number(part) <= max);
  return inRange(minute, 59) && inRange(hour, 23) && dayOfMonth === '*' && month === '*' && dayOfWeek === '*';
}
