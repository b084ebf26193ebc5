/**
 * System permissions the company's apps request (应用权限清单): what each is for, when it is
 * asked for, and whether the user can refuse it and still use the rest of the service
 * (PIPL Art. 16).
 */
import { z } from 'zod';
import { describe, id, localized } from './primitives.js';
import { platforms } from './sdks.js';

/** System permissions, as codes the locale files translate (lists.permission.<code>). */
export const PERMISSIONS = [
  'camera',
  'microphone',
  'location_precise',
  'location_approximate',
  'location_background',
  'photos',
  'storage',
  'contacts',
  'calendar',
  'notifications',
  'phone_state',
  'call_log',
  'sms',
  'bluetooth',
  'nearby_wifi',
  'clipboard',
  'installed_apps',
  'biometric',
  'tracking',
  'motion',
] as const;

const examplePermission = {
  permission: 'camera',
  platforms: ['android', 'ios'],
  purpose: { 'zh-CN': '拍摄照片并插入笔记', en: 'taking photos to add to a note' },
  requested_when: { 'zh-CN': '您第一次在笔记中点击“拍照”时', en: 'the first time you tap "Take photo" in a note' },
  refusable: true,
  if_refused: { 'zh-CN': '您无法在笔记中直接拍照，其他功能不受影响', en: 'you cannot take photos from a note; everything else works as before' },
  purposes: ['provide_service'],
};

export const permissions = describe(
  z
    .array(
      z
        .object({
          permission: describe(
            z.enum(PERMISSIONS),
            'The system permission: camera = camera, microphone = microphone, location_precise = precise location (GPS), location_approximate = approximate location, location_background = location while the app is in the background, photos = photo library, storage = files and storage, contacts = contacts, calendar = calendar, notifications = notifications, phone_state = phone state and device identifiers, call_log = call log, sms = text messages, bluetooth = Bluetooth and nearby devices, nearby_wifi = nearby Wi-Fi networks, clipboard = clipboard, installed_apps = list of installed apps, biometric = fingerprint or face unlock, tracking = tracking across other companies\' apps (iOS App Tracking Transparency, advertising identifier), motion = motion and fitness sensors',
            '系统权限：camera = 相机，microphone = 麦克风，location_precise = 精确位置（GPS），location_approximate = 大致位置，location_background = 后台位置，photos = 相册，storage = 文件和存储，contacts = 通讯录，calendar = 日历，notifications = 通知，phone_state = 电话状态和设备标识符，call_log = 通话记录，sms = 短信，bluetooth = 蓝牙和附近设备，nearby_wifi = 附近的无线局域网，clipboard = 剪切板，installed_apps = 已安装应用列表，biometric = 指纹或面容解锁，tracking = 跨其他公司的应用追踪（iOS 应用跟踪透明度、广告标识符），motion = 运动与健身传感器',
            'camera',
          ),
          platforms: platforms({ en: 'The apps that request it', zh: '申请该权限的应用版本' }).optional(),
          purpose: describe(localized, 'What the app uses the permission for', '应用使用该权限的目的', { 'zh-CN': '拍摄照片并插入笔记', en: 'taking photos to add to a note' }),
          requested_when: describe(
            localized,
            'When the app asks for it (申请时机), e.g. the first time a feature that needs it is used',
            '应用何时申请该权限（申请时机），如首次使用需要它的功能时',
            { 'zh-CN': '您第一次在笔记中点击“拍照”时', en: 'the first time you tap "Take photo" in a note' },
          ),
          refusable: describe(
            z.boolean(),
            'true if the user can refuse it and still use the rest of the service; false only if the service itself cannot work without it (PIPL Art. 16)',
            'true 表示用户可以拒绝且仍可使用其他服务；仅当服务本身离不开该权限时为 false（《个人信息保护法》第十六条）',
            true,
          ),
          if_refused: describe(
            localized,
            'What happens if the user refuses it or withdraws it later',
            '用户拒绝或事后关闭该权限的后果',
            { 'zh-CN': '您无法在笔记中直接拍照，其他功能不受影响', en: 'you cannot take photos from a note; everything else works as before' },
          ),
          purposes: describe(
            z.array(id).min(1),
            'Ids of the purposes the permission serves, from purposes[].id; needed for a permission the user cannot refuse, to show which service needs it',
            '该权限服务的处理目的，填写 purposes[].id；不可拒绝的权限须填写，以说明哪项服务需要它',
            ['provide_service'],
          ).optional(),
        })
        .strict(),
    ),
  'System permissions your apps request, listed in the app permission list (PIPL Arts. 16, 17)',
  '应用申请的系统权限，列入应用权限清单（《个人信息保护法》第十六条、第十七条）',
  [examplePermission],
).default([]);
