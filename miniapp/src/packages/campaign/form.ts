import { checkAnswers, type FormProblems } from '@weigrid/shared'
import type { Answers, AnswerValue, Question } from '../../services/contracts'
import type { PhotoItem } from '../../components/report/PhotoPicker'
import { S } from '../../strings'

export const ADDRESS_MAX = 150
export const TEXT_MAX_DEFAULT = 500
export const PHOTOS_MAX_DEFAULT = 3

/** What the form holds while typing: choices as chosen, numbers as typed (so "12a" stays visible). */
export type Values = Record<string, string | string[] | undefined>

/** The answers to send: empty ones left out, typed numbers as numbers, photos as their upload ids. */
export function toAnswers(questions: readonly Question[], values: Values, photos: Record<string, PhotoItem[]>): Answers {
  const out: Answers = {}
  for (const q of questions) {
    let v: AnswerValue | undefined
    if (q.type === 'photo') {
      const ids = (photos[q.id] ?? []).map((p) => p.uploadId).filter((x): x is string => !!x)
      v = ids.length ? ids : undefined
    } else if (q.type === 'number') {
      const typed = typeof values[q.id] === 'string' ? (values[q.id] as string).trim() : ''
      // a typed value that is not a number is sent as typed only to have checkAnswers name it
      v = typed === '' ? undefined : Number.isFinite(Number(typed)) ? Number(typed) : typed
    } else if (q.type === 'text') {
      const t = typeof values[q.id] === 'string' ? (values[q.id] as string).trim() : ''
      v = t === '' ? undefined : t
    } else {
      const x = values[q.id]
      v = x === undefined || x === '' || (Array.isArray(x) && x.length === 0) ? undefined : x
    }
    if (v !== undefined) out[q.id] = v
  }
  return out
}

/**
 * A problem reported by `checkAnswers` (here, or by the server, which runs the same function) as
 * the sentence a resident reads beside the question. The problem texts are the shared module's.
 */
export function problemMessage(q: Question, problem: string): string {
  if (problem === 'required') return S.campaign.err.required[q.type]
  switch (q.type) {
    case 'single':
      return S.campaign.err.single
    case 'multi':
      return S.campaign.err.multi
    case 'text':
      return /at most/.test(problem) ? S.campaign.err.textLong(q.maxLength ?? TEXT_MAX_DEFAULT) : S.campaign.err.required.text
    case 'number':
      return /between/.test(problem) ? S.campaign.err.numberRange(q.min, q.max) : S.campaign.err.number
    case 'date':
      return S.campaign.err.date
    case 'photo':
      return /at most/.test(problem) ? S.campaign.err.photoMax(q.maxPhotos ?? PHOTOS_MAX_DEFAULT) : S.campaign.err.photoBad
  }
}

/** Errors shown beside the fields, keyed by question id, `address`, `microGridCode`; `form` for the rest. */
export type FieldErrors = Record<string, string>

function messagesFor(questions: readonly Question[], problems: FormProblems): FieldErrors {
  const out: FieldErrors = {}
  for (const [k, p] of Object.entries(problems)) {
    const q = questions.find((x) => x.id === k)
    if (q) out[k] = problemMessage(q, p)
    else out.form = S.campaign.err.formChanged
  }
  return out
}

/** Everything checked before sending: the household, every answer (as the server will), photos settled. */
export function validate(input: { questions: readonly Question[]; values: Values; photos: Record<string, PhotoItem[]>; address: string; microGridCode?: string }): FieldErrors {
  const e: FieldErrors = {}
  if (!input.microGridCode) e.microGridCode = S.campaign.err.grid
  const addr = input.address.trim()
  if (!addr) e.address = S.campaign.err.address
  else if (addr.length > ADDRESS_MAX) e.address = S.campaign.err.addressLong
  Object.assign(e, messagesFor(input.questions, checkAnswers(input.questions, toAnswers(input.questions, input.values, input.photos)).problems))
  for (const q of input.questions) {
    if (q.type !== 'photo') continue
    const ps = input.photos[q.id] ?? []
    if (ps.some((p) => p.status === 'uploading' || p.status === 'compressing')) e[q.id] = S.campaign.err.photoPending
    else if (ps.some((p) => p.status === 'failed' || p.status === 'waiting')) e[q.id] = S.campaign.err.photoFailed
  }
  return e
}

/**
 * A 422's `details.fields` from PUT /answers, placed beside the fields: `answers.<id>` carry the
 * shared checker's problems; the photo ownership check names `answers.photos` whatever the
 * question is called, so it goes to the first photo question.
 */
export function serverFieldErrors(questions: readonly Question[], fields: Record<string, string>): FieldErrors {
  const out: FieldErrors = {}
  for (const [key, msg] of Object.entries(fields)) {
    if (key.startsWith('answers.')) {
      const id = key.slice('answers.'.length)
      const q = questions.find((x) => x.id === id) ?? (id === 'photos' ? questions.find((x) => x.type === 'photo') : undefined)
      if (q) out[q.id] = problemMessage(q, msg)
      else out.form = S.campaign.err.formChanged
    } else if (key === 'address') out.address = msg.includes('long') ? S.campaign.err.addressLong : S.campaign.err.address
    else if (key === 'microGridCode') out.microGridCode = /outside/.test(msg) ? S.campaign.err.gridOutside : S.campaign.err.grid
    else out.form = msg
  }
  return out
}
