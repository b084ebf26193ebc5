/** Cookies and similar technologies, listed in the cookie table. */
import { z } from 'zod';
import { describe, localized, text } from './primitives.js';

const exampleCookie = {
  name: 'session_id',
  type: 'essential',
  purpose: { 'zh-CN': '保持您的登录状态', en: 'keeps you signed in' },
  duration: { 'zh-CN': '关闭浏览器时删除', en: 'until you close the browser' },
};

export const cookies = describe(
  z
    .array(
      z
        .object({
          name: describe(text, 'Cookie name, exactly as the browser shows it', 'Cookie 名称，与浏览器中显示的一致', 'session_id'),
          type: describe(
            z.enum(['essential', 'functional', 'analytics', 'marketing']),
            'essential = strictly necessary for the service, functional = remembers choices such as language, analytics = measures how the service is used, marketing = advertising or tracking across sites',
            'essential = 提供服务所必需，functional = 记住语言等设置，analytics = 统计服务的使用情况，marketing = 广告或跨网站追踪',
            'essential',
          ),
          purpose: describe(localized, 'What the cookie does, in plain words', '用通俗的语言说明该 Cookie 的作用', { 'zh-CN': '记住界面语言和主题', en: 'remembers your language and theme' }),
          duration: describe(localized, 'How long the cookie is kept', 'Cookie 的保存时长', { 'zh-CN': '12 个月', en: '12 months' }),
        })
        .strict(),
    ),
  'Cookies and similar technologies your website or app sets, listed in the cookie table',
  '网站或应用设置的 Cookie 及同类技术，列于 Cookie 表',
  [exampleCookie],
).default([]);
