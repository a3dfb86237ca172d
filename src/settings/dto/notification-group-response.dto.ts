import { ApiProperty } from '@nestjs/swagger';
import { ListMetaDto } from 'src/common/http/list-query';

export class RecipientResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['user', 'email'] }) type!: 'user' | 'email';

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'For a user' })
  user_id!: string | null;

  @ApiProperty({ description: "The address mail goes to (a user's current email)" })
  email!: string;

  @ApiProperty({ nullable: true, type: String, description: "A user's full name" })
  name!: string | null;

  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class NotificationGroupSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 3 }) recipient_count!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class NotificationGroupResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [RecipientResponseDto] }) recipients!: RecipientResponseDto[];
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class NotificationGroupListResponseDto {
  @ApiProperty({ type: [NotificationGroupSummaryDto] }) data!: NotificationGroupSummaryDto[];
  @ApiProperty({ type: ListMetaDto }) meta!: ListMetaDto;
}
