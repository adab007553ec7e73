import { PERSON_TAGS, RELATIONS } from '@weigrid/shared'
import { RS } from '../strings'
import type { EditablePerson, PersonValues } from '../registerForm'
import { ChipsField, TextField } from './Fields'

const F = RS.regForm

/** The person's fields, for a worker (with tags) or a resident correcting their household (without). */
export function PersonFields(props: { values: PersonValues; onChange: (v: PersonValues) => void; errors: Record<string, string>; before?: EditablePerson; withTags: boolean }) {
  const v = props.values
  const set = (change: Partial<PersonValues>) => props.onChange({ ...v, ...change })
  const e = props.errors
  return (
    <>
      <TextField id='name' label={F.name} value={v.name} maxlength={50} onInput={(name) => set({ name })} error={e.name} />
      <ChipsField id='relation' label={F.relation} options={RELATIONS} value={v.relation as (typeof RELATIONS)[number]} onChange={(relation) => set({ relation: relation as string })} error={e.relation} />
      <TextField id='phone' label={F.phone} value={v.phone} maxlength={20} onInput={(phone) => set({ phone })} hint={props.before ? F.keepHint(props.before.phone) : undefined} error={e.phone} />
      <TextField id='idNumber' label={F.idNumber} type='idcard' value={v.idNumber} maxlength={18} onInput={(idNumber) => set({ idNumber })} hint={props.before ? F.keepHint(props.before.idNumber) : undefined} error={e.idNumber} />
      <TextField id='birthYear' label={F.birthYear} type='number' value={v.birthYear} maxlength={4} onInput={(birthYear) => set({ birthYear })} hint={F.birthYearHint} error={e.birthYear} />
      {props.withTags && <ChipsField id='tag' label={F.tags} options={PERSON_TAGS} multi value={v.tags as (typeof PERSON_TAGS)[number][]} onChange={(tags) => set({ tags: tags as string[] })} error={e.tags} />}
    </>
  )
}
