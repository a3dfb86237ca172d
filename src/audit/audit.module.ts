import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditQueryService } from 'src/audit/audit-query.service';
import { AuditRetentionService } from 'src/audit/audit-retention.service';
import { AuditController } from 'src/audit/audit.controller';
import { AuditService } from 'src/audit/audit.service';
import { AuditLog } from 'src/audit/entities/audit-log.entity';

/**
 * Records entries for every module, and serves them to administrators. It depends on no
 * feature module: the linked companies come through COMPANY_HIERARCHY, declared in common/.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditLog])],
  controllers: [AuditController],
  providers: [AuditQueryService, AuditRetentionService, AuditService],
  exports: [AuditService],
})
export class AuditModule {}
