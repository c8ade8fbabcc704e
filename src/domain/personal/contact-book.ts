import { DomainError } from '../common/errors'
import { type ContactInput, MAX_CONTACTS } from './personal-schemas'

/**
 * The user's delivery contacts, kept as one document per user so that every change (and the limit of
 * ten, and the single default) is one atomic read-modify-write. Pure: time and ids come in.
 */
export interface StoredContact extends Omit<ContactInput, 'isDefault'> {
  id: string
  isDefault: boolean
  createdAt: string
  updatedAt: string
}

export interface ContactBook {
  contacts: StoredContact[]
}

export type ContactChange =
  | { kind: 'add'; contact: ContactInput }
  | { kind: 'update'; id: string; contact: ContactInput }
  | { kind: 'delete'; id: string }
  | { kind: 'set-default'; id: string }

/** What a correction changed: which record and which fields, never the values (old or new). */
export interface CorrectionNote {
  recordId: string
  action: ContactChange['kind']
  fields: string[]
}

const FIELDS = ['name', 'mobile', 'regionId', 'addressLine'] as const

function withDefault(contacts: StoredContact[], id: string | undefined, now: string): StoredContact[] {
  // Exactly one default while any contact exists: the chosen one, else the first.
  const target = id ?? contacts.find((c) => c.isDefault)?.id ?? contacts[0]?.id
  return contacts.map((c) => (c.isDefault === (c.id === target) ? c : { ...c, isDefault: c.id === target, updatedAt: now }))
}

function find(book: ContactBook, id: string): StoredContact {
  const found = book.contacts.find((c) => c.id === id)
  if (!found) throw new DomainError('COMMON.NOT_FOUND', 'no such contact')
  return found
}

/**
 * Applies one change. Throws `PERSONAL.CONTACT_LIMIT` beyond ten contacts and `COMMON.NOT_FOUND` for
 * an id the book does not hold (another user's id included: it is simply not in this book).
 */
export function applyContactChange(book: ContactBook, change: ContactChange, at: { now: string; newId: string }): { book: ContactBook; note: CorrectionNote } {
  const { now } = at
  switch (change.kind) {
    case 'add': {
      if (book.contacts.length >= MAX_CONTACTS) throw new DomainError('PERSONAL.CONTACT_LIMIT', `at most ${MAX_CONTACTS} contacts`)
      const { isDefault, ...fields } = change.contact
      const added: StoredContact = { ...fields, id: at.newId, isDefault: false, createdAt: now, updatedAt: now }
      const contacts = withDefault([...book.contacts, added], isDefault ? added.id : undefined, now)
      return { book: { contacts }, note: { recordId: added.id, action: 'add', fields: [...FIELDS] } }
    }
    case 'update': {
      const before = find(book, change.id)
      const { isDefault, ...fields } = change.contact
      const changed = FIELDS.filter((f) => before[f] !== fields[f])
      const updated = book.contacts.map((c) => (c.id === change.id ? { ...c, ...fields, updatedAt: changed.length ? now : c.updatedAt } : c))
      const contacts = withDefault(updated, isDefault ? change.id : undefined, now)
      const defaultMoved = isDefault === true && !before.isDefault
      return { book: { contacts }, note: { recordId: change.id, action: 'update', fields: defaultMoved ? [...changed, 'isDefault'] : changed } }
    }
    case 'delete': {
      find(book, change.id)
      const contacts = withDefault(
        book.contacts.filter((c) => c.id !== change.id),
        undefined,
        now,
      )
      return { book: { contacts }, note: { recordId: change.id, action: 'delete', fields: [...FIELDS] } }
    }
    case 'set-default': {
      find(book, change.id)
      return { book: { contacts: withDefault(book.contacts, change.id, now) }, note: { recordId: change.id, action: 'set-default', fields: ['isDefault'] } }
    }
  }
}
