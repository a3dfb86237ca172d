import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { NotificationGroupRecipient } from 'src/settings/entities/notification-group-recipient.entity';
import { NotificationGroup } from 'src/settings/entities/notification-group.entity';
import { NotificationGroupsController } from 'src/settings/notification-groups.controller';
import { NotificationGroupsService } from 'src/settings/notification-groups.service';
import { UsersModule } from 'src/users/users.module';

/** General settings (product.md §4): notification groups. */
@Module({
  imports: [
    AuditModule,
    TypeOrmModule.forFeature([NotificationGroup, NotificationGroupRecipient]),
    UsersModule,
  ],
  controllers: [NotificationGroupsController],
  providers: [NotificationGroupsService],
  exports: [NotificationGroupsService],
})
export class SettingsModule {}
