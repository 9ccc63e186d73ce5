// Backups are taken: wherever Medusa runs, each datacenter has a daily MedusaBackupSchedule in
// its own Kubernetes cluster and namespace (support/check-backups.ts says why), and every
// schedule validates against the MedusaBackupSchedule CRD of k8ssandra-operator v1.32.5.
import { describe, expect, it } from 'vitest';
import { checkBackups, runsDaily } from './support/check-backups.js';
import { field, type K8sObject, ofKind } from './support/k8s-object.js';
import { setPath } from './support/object-path.js';
import { kustomizations } from './support/paths.js';
import { renderKustomization } from './support/render-kustomization.js';
import { storageTopology } from './support/storage-topology.js';
import { validateAll } from './support/validate-object.js';

const scheduled: Record<string, string[]> = {
  base: ['dc1'],
  'overlays/dev': [],
  'overlays/prod': ['dc1', 'dc2'],
  'overlays/multi-cluster': ['dc1'],
  'overlays/multi-cluster/dc2-cluster': ['dc2'],
};

describe.each(kustomizations)('backups of %s', (path) => {
  const objects = renderKustomization(path);

  it('schedule a daily backup of each local datacenter, beside it', () => {
    expect(checkBackups(objects, storageTopology(path, objects))).toEqual([]);
    const schedules = ofKind(objects, 'MedusaBackupSchedule');
    expect(schedules.map((s) => field(s, 'spec', 'backupSpec', 'cassandraDatacenter')).sort()).toEqual(
      scheduled[path],
    );
    expect(validateAll(schedules)).toEqual([]);
  });
});

function broken(path: string, change: (objects: K8sObject[]) => void): K8sObject[] {
  const objects = structuredClone(renderKustomization(path)) as K8sObject[];
  change(objects);
  return objects;
}
const withoutSchedules = (objects: K8sObject[]) => objects.filter((o) => o.kind !== 'MedusaBackupSchedule');

describe('the backup check fails when', () => {
  it('Medusa is configured but nothing schedules a backup (the manifests before issue 17)', () => {
    const objects = withoutSchedules(renderKustomization('overlays/prod'));
    expect(checkBackups(objects, storageTopology('overlays/prod', objects))).toEqual([
      'datacenter dc1: 0 backup schedules, not 1',
      'datacenter dc2: 0 backup schedules, not 1',
    ]);
  });

  it("dc2's schedule sits in the control-plane cluster, where its controller cannot find dc2", () => {
    const dc2 = ofKind(renderKustomization('overlays/multi-cluster/dc2-cluster'), 'MedusaBackupSchedule');
    const objects = [...renderKustomization('overlays/multi-cluster'), ...dc2];
    const problems = checkBackups(objects, storageTopology('overlays/multi-cluster', objects));
    expect(problems).toEqual([
      'MedusaBackupSchedule/cassandra-dc2-medusa-backup: datacenter dc2 is not in this Kubernetes cluster',
    ]);
    const dataPlane = withoutSchedules(renderKustomization('overlays/multi-cluster/dc2-cluster'));
    expect(checkBackups(dataPlane, storageTopology('overlays/multi-cluster/dc2-cluster', dataPlane))).toEqual(
      ['datacenter dc2: 0 backup schedules, not 1'],
    );
  });

  it('a schedule is in another namespace, disabled, or weekly', () => {
    const objects = broken('base', (o) => {
      const schedule = ofKind(o, 'MedusaBackupSchedule')[0]!;
      schedule.metadata.namespace = 'k8ssandra-operator';
      setPath(schedule, 'spec.disabled', true);
      setPath(schedule, 'spec.cronSchedule', '0 2 * * 0');
    });
    const problems = checkBackups(objects, storageTopology('base', objects)).join('\n');
    expect(problems).toMatch(/in namespace k8ssandra-operator, not stargate/);
    expect(problems).toMatch(/disabled/);
    expect(problems).toMatch(/0 2 \* \* 0 does not run every day/);
  });

  it('a render without Medusa schedules backups', () => {
    const objects = [
      ...renderKustomization('overlays/dev'),
      ...ofKind(renderKustomization('base'), 'MedusaBackupSchedule'),
    ];
    expect(checkBackups(objects, storageTopology('overlays/dev', objects))).toEqual([
      'MedusaBackupSchedule/cassandra-dc1-medusa-backup: Medusa is not deployed',
    ]);
  });

  it('the CRD refuses a schedule without cronSchedule or with an unknown backup type', () => {
    const objects = broken('base', (o) => {
      const schedule = ofKind(o, 'MedusaBackupSchedule')[0]!;
      delete (schedule.spec as Record<string, unknown>).cronSchedule;
      setPath(schedule, 'spec.backupSpec.backupType', 'incremental');
    });
    const problems = validateAll(ofKind(objects, 'MedusaBackupSchedule')).join('\n');
    expect(problems).toMatch(/cronSchedule/);
    expect(problems).toMatch(/backupType: must be equal to one of the allowed values/);
  });
});

describe('runsDaily reads standard cron lines as the operator does (robfig/cron ParseStandard)', () => {
  it.each(['0 2 * * *', '30 1,13 * * *', '@daily', '0 * * * *'])('%s runs daily', (cron) => {
    expect(runsDaily(cron)).toBe(true);
  });
  it.each(['0 2 * * 0', '0 2 1 * *', '0 2 * *', 'daily', '0 25 * * *'])('%s does not', (cron) => {
    expect(runsDaily(cron)).toBe(false);
  });
});
