/** Brazil (LGPD) settings, read only by the lgpd module. */
import { z } from 'zod';
import { describe, httpUrl } from '../primitives.js';

export const lgpd = describe(
  z
    .object({
      transfers_page_url: describe(
        httpUrl,
        'Plain-language page in Portuguese on international transfers (ANPD Res. CD/ANPD 19/2024)',
        '关于国际传输的葡萄牙语通俗说明页面（巴西 ANPD 第 19/2024 号决议）',
        'https://nimbusnotes.example/pt-br/transferencias',
      ).optional(),
    })
    .strict(),
  'Brazil (LGPD) settings (used only by the lgpd module)',
  '巴西（LGPD）专项设置 (仅 lgpd 模块使用)',
  { transfers_page_url: 'https://nimbusnotes.example/pt-br/transferencias' },
).optional();
