// Validates objects of built-in kinds: kubernetes-models (types, enums, required fields, at
// roughly Kubernetes 1.33) plus the unknown-field check kubectl applies by default.

import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { kindDeclaration, unknownFields } from './core-unknown-fields.js';
import type { K8sObject } from './k8s-object.js';

interface CoreModel {
  validate(): void;
}
type CoreModelClass = new (data: never) => CoreModel;

/** The built-in kinds we accept, by `apiVersion/kind`. Anything else is not a core kind. */
const models: Record<string, CoreModelClass> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
};

export function isCoreKind(object: Pick<K8sObject, 'apiVersion' | 'kind'>): boolean {
  return `${object.apiVersion}/${object.kind}` in models;
}

/** Problems with one core object; empty when valid. */
export function validateCoreKind(object: K8sObject): string[] {
  const Model = models[`${object.apiVersion}/${object.kind}`];
  if (!Model) return [`no Kubernetes schema for ${object.apiVersion} ${object.kind}`];
  const { apiVersion: _apiVersion, kind: _kind, ...data } = object;
  const problems: string[] = [];
  try {
    new Model(data as never).validate();
  } catch (error) {
    problems.push((error as Error).message);
  }
  for (const path of unknownFields(object, kindDeclaration(object.apiVersion, object.kind))) {
    problems.push(`unknown field ${path}`);
  }
  return problems;
}
