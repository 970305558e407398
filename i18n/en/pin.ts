// The drafts PIN's words in English (options page, panel): the source of the surface's keys.
export const pin = {
  heading: 'Draft protection',
  protectWith: 'Protect drafts and override reasons with',
  locked: '(set by your organisation; locked)',
  device: 'a key this browser keeps (device)',
  pin: 'a PIN',
  deviceExplained:
    'Drafts are encrypted with a key this browser keeps for you (device protection). That stops someone reading the profile’s files, but not someone who copies the whole browser profile and opens it. With a PIN, a copied profile cannot open drafts or override reasons without the PIN.',
  required: 'Your organisation requires a PIN for drafts: device protection cannot be chosen.',
  requiredNoDrafts: 'Until you set the PIN, Chartguard keeps no new drafts.',
  requiredDraftKept: 'The draft already kept on this computer will be protected by the PIN as soon as you set it; it is not deleted.',
  requiredDraftsKept:
    'The {count} drafts already kept on this computer will be protected by the PIN as soon as you set it; none is deleted.',
  protectedByPin:
    'Drafts and override reasons are protected by a PIN. After the browser restarts, Chartguard asks for it before it opens a draft.',
  differ: 'The two PINs differ.',
  pinSet: 'PIN set. Drafts and override reasons are now protected by it.',
  protectWithThisPin: 'Protect drafts with this PIN',
  forgetWarning:
    'If you forget the PIN, drafts not yet saved to the portal cannot be opened and are lost. Records already saved in the portal are not affected.',
  newPin: 'PIN (at least {min} characters)',
  newPinAgain: 'PIN again',
  understood: 'I understand that a forgotten PIN loses my unsaved drafts.',
  requiredIntro:
    'Your organisation requires a PIN to protect your drafts and override reasons. Set it now; Chartguard asks for it after the browser restarts.',
  requiredOneDraft: 'The draft already kept on this computer is not lost: it is protected by the PIN as soon as you set it.',
  requiredManyDrafts: 'The {count} drafts already kept on this computer are not lost: they are protected by the PIN as soon as you set it.',
  setAndContinue: 'Set PIN and continue',
  notNow: 'Not now',
  withoutPin: 'Without a PIN the panel works, but what you type is not kept as a draft: apply it to the record before you close the tab.',
  promptIntro: 'Your draft for this record is protected by your drafts PIN. Enter it to open the draft.',
  promptPin: 'PIN',
  openDraft: 'Open my draft',
  continueWithout: 'Continue without it',
  pinTooShort: 'The PIN must have at least {min} characters.',
  pinWrong: 'That PIN is not right.',
  pinAlreadySet: 'A PIN is already set up.',
  pinNotSet: 'No PIN is set up.',
  forgotten: 'If you have forgotten the PIN, continue without it: only the draft is lost, and it is replaced by what you type now.',
};
