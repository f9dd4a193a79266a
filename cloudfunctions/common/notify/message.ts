/**
 * Outbox messages: the canonical document that domain events write (in the same transaction
 * or conditional write as the event), and how the sender turns one into the parameters of
 * subscribeMessage.send.
 */
import type { OutboxStatus, TemplateKey } from '../../../typings';
import type { Doc } from '../platform/database';
import { asDate, asOptionalDate, asOptionalText, compact } from '../platform/documents';
import { formatValue } from './format';
import { COLLECTIONS } from '../collections';
import { TEMPLATES } from './templates';

export const OUTBOX = COLLECTIONS.outbox;

/** Plain facts of a message (ISO times, full titles); formatting happens at send time. */
export type Facts = Record<string, string | number | Date | undefined>;

export interface OutboxMessage {
  /** `<template>:<dedupKey>`: the same event never enqueues two messages. */
  _id: string;
  template: TemplateKey;
  touser: string;
  data: Facts;
  /** The page the message opens; when absent, the template's page with ids filled in. */
  page?: string;
  status: OutboxStatus;
  createdAt: Date;
  activityId?: string;
  contestId?: string;
  signupId?: string;
  /** After this instant the message is pointless (a reminder after the start): 'expired'. */
  expiresAt?: Date;
  // Written by the sender:
  attempts?: number;
  nextAttemptAt?: Date;
  claimId?: string;
  leaseUntil?: Date;
  sentAt?: Date;
  finishedAt?: Date;
  result?: { errCode: number; errMsg: string };
}

/** An `outbox` document as the sender reads it (dates back to Dates, facts as stored). */
export function outboxFromDoc(d: Doc): OutboxMessage {
  return compact<OutboxMessage>({
    _id: String(d._id),
    template: d.template as TemplateKey,
    touser: String(d.touser ?? ''),
    data: (d.data ?? {}) as Facts,
    status: d.status as OutboxStatus,
    createdAt: asDate(d.createdAt),
    page: asOptionalText(d.page),
    activityId: asOptionalText(d.activityId),
    contestId: asOptionalText(d.contestId),
    signupId: asOptionalText(d.signupId),
    expiresAt: asOptionalDate(d.expiresAt),
    attempts: typeof d.attempts === 'number' ? d.attempts : undefined,
    nextAttemptAt: asOptionalDate(d.nextAttemptAt),
    claimId: asOptionalText(d.claimId),
    leaseUntil: asOptionalDate(d.leaseUntil),
    sentAt: asOptionalDate(d.sentAt),
    finishedAt: asOptionalDate(d.finishedAt),
    result: d.result ? (d.result as OutboxMessage['result']) : undefined,
  });
}

export interface MessageOptions {
  /** What makes this message unique for its template, e.g. a sign-up id and its seq. */
  dedupKey: string;
  now: Date;
  page?: string;
  activityId?: string;
  contestId?: string;
  signupId?: string;
  expiresAt?: Date;
}

/** The outbox document of one message, status 'pending', with a deterministic `_id`. */
export function outboxMessage(template: TemplateKey, touser: string, facts: Facts, opts: MessageOptions): OutboxMessage {
  const msg: OutboxMessage = {
    _id: `${template}:${opts.dedupKey}`,
    template,
    touser,
    data: withoutUndefined(facts),
    status: 'pending',
    createdAt: opts.now,
  };
  if (opts.page) msg.page = opts.page;
  if (opts.activityId) msg.activityId = opts.activityId;
  if (opts.contestId) msg.contestId = opts.contestId;
  if (opts.signupId) msg.signupId = opts.signupId;
  if (opts.expiresAt) msg.expiresAt = opts.expiresAt;
  return msg;
}

function withoutUndefined(facts: Facts): Facts {
  const out: Facts = {};
  for (const [k, v] of Object.entries(facts)) if (v !== undefined) out[k] = v;
  return out;
}

/** What subscribeMessage.send takes. */
export interface SendParams {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** Fills `{activityId}`-style holes of a template page from the message. */
function pageOf(msg: Pick<OutboxMessage, 'template' | 'page' | 'data' | 'activityId' | 'contestId'>): string {
  if (msg.page) return msg.page;
  const ids: Record<string, string | undefined> = { activityId: msg.activityId, contestId: msg.contestId };
  return TEMPLATES[msg.template].page.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(String(ids[name] ?? msg.data[name] ?? '')));
}

/** The send parameters of a message: values formatted to the template's field types. */
export function renderMessage(msg: Pick<OutboxMessage, 'template' | 'touser' | 'page' | 'data' | 'activityId' | 'contestId'>, now: Date): SendParams {
  const config = TEMPLATES[msg.template];
  const data: Record<string, { value: string }> = {};
  for (const f of config.fields) data[f.key] = { value: formatValue(f.type, msg.data[f.from], f.fallback, now) };
  return { touser: msg.touser, templateId: config.id, page: pageOf(msg), data };
}
