// The drafts PIN's words in Simplified Chinese (options page, panel).
import type { pin as en } from '../en/pin';
import type { Translation } from '../index';

export const pin: Translation<typeof en> = {
  heading: '草稿保护',
  protectWith: '用以下方式保护草稿和覆盖理由',
  locked: '（由您的机构设置；已锁定）',
  device: '此浏览器保存的密钥（设备）',
  pin: 'PIN 码',
  deviceExplained:
    '草稿使用此浏览器为您保存的密钥加密（设备保护）。这可以防止他人读取配置文件中的文件，但无法防止他人复制整个浏览器配置文件后打开。使用 PIN 码时，复制的配置文件在没有 PIN 码的情况下无法打开草稿或覆盖理由。',
  required: '您的机构要求使用 PIN 码保护草稿：不能选择设备保护。',
  requiredNoDrafts: '在您设置 PIN 码之前，Chartguard 不会保存新的草稿。',
  requiredDraftKept: '此计算机上已保存的草稿将在您设置 PIN 码后立即受其保护；不会被删除。',
  requiredDraftsKept: '此计算机上已保存的 {count} 份草稿将在您设置 PIN 码后立即受其保护；不会删除任何草稿。',
  protectedByPin: '草稿和覆盖理由由 PIN 码保护。浏览器重新启动后，Chartguard 会在打开草稿前要求输入 PIN 码。',
  differ: '两次输入的 PIN 码不一致。',
  pinSet: 'PIN 码已设置。草稿和覆盖理由现在受其保护。',
  protectWithThisPin: '用此 PIN 码保护草稿',
  forgetWarning: '如果忘记 PIN 码，尚未保存到门户的草稿将无法打开并会丢失。已保存在门户中的记录不受影响。',
  newPin: 'PIN 码（至少 {min} 个字符）',
  newPinAgain: '再次输入 PIN 码',
  understood: '我明白忘记 PIN 码会丢失未保存的草稿。',
  requiredIntro: '您的机构要求使用 PIN 码保护您的草稿和覆盖理由。请现在设置；浏览器重新启动后，Chartguard 会要求输入。',
  requiredOneDraft: '此计算机上已保存的草稿不会丢失：您设置 PIN 码后它会立即受其保护。',
  requiredManyDrafts: '此计算机上已保存的 {count} 份草稿不会丢失：您设置 PIN 码后它们会立即受其保护。',
  setAndContinue: '设置 PIN 码并继续',
  notNow: '暂不设置',
  withoutPin: '没有 PIN 码时面板仍可使用，但您输入的内容不会保存为草稿：请在关闭标签页前将其应用到记录中。',
  promptIntro: '此记录的草稿受您的草稿 PIN 码保护。输入 PIN 码即可打开草稿。',
  promptPin: 'PIN 码',
  openDraft: '打开我的草稿',
  continueWithout: '不使用草稿继续',
  forgotten: '如果您忘记了 PIN 码，请不使用它继续：只会丢失该草稿，并由您现在输入的内容替代。',
};
