import { personalReplies, personalRequest } from '../../src/contracts/personal'
import { defineHandler } from '../_shared/handler'
import { addContact, deleteContact, inventory, profile, removeAvatar, requestCorrection, requestDeletion, requests, reveal, sendMessage, setAvatar, setDefaultContact, setNickname, updateContact } from '../_shared/usecases/personal'

const now = () => new Date()

export const main = defineHandler({
  request: personalRequest,
  replies: personalReplies,
  routes: {
    inventory: (r, a) => inventory(r, a, now()),
    reveal,
    profile,
    setNickname: (r, a) => setNickname(r, a, now()),
    setAvatar: (r, a) => setAvatar(r, a, now()),
    removeAvatar: (r, a) => removeAvatar(r, a, now()),
    addContact: (r, a) => addContact(r, a, now()),
    updateContact: (r, a) => updateContact(r, a, now()),
    deleteContact: (r, a) => deleteContact(r, a, now()),
    setDefaultContact: (r, a) => setDefaultContact(r, a, now()),
    requestCorrection: (r, a) => requestCorrection(r, a, now()),
    requests,
    requestDeletion: (r, a) => requestDeletion(r, a, now()),
    sendMessage: (r, a) => sendMessage(r, a, now()),
  },
})
